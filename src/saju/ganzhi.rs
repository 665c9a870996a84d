//! The building blocks: ten heavenly stems, twelve earthly branches, the five elements and the
//! sixty-term cycle. Every type is a small `Copy` index with its names as static tables.

use std::fmt;

/// 오행: the five elements, in generating order (목→화→토→금→수).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Element {
    Wood,
    Fire,
    Earth,
    Metal,
    Water,
}

impl Element {
    pub const ALL: [Element; 5] = [Element::Wood, Element::Fire, Element::Earth, Element::Metal, Element::Water];

    pub const fn index(self) -> usize {
        self as usize
    }

    pub const fn from_index(i: usize) -> Element {
        Element::ALL[i % 5]
    }

    /// The element this one produces (상생).
    pub const fn produces(self) -> Element {
        Element::from_index(self.index() + 1)
    }

    /// The element this one controls (상극).
    pub const fn controls(self) -> Element {
        Element::from_index(self.index() + 2)
    }

    pub const fn hangul(self) -> &'static str {
        ["목", "화", "토", "금", "수"][self.index()]
    }

    pub const fn hanja(self) -> &'static str {
        ["木", "火", "土", "金", "水"][self.index()]
    }

    /// Stable English code used in JSON (`wood`, `fire`, ...).
    pub const fn code(self) -> &'static str {
        ["wood", "fire", "earth", "metal", "water"][self.index()]
    }
}

/// 음양.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Polarity {
    Yang,
    Yin,
}

impl Polarity {
    pub const fn hangul(self) -> &'static str {
        match self {
            Polarity::Yang => "양",
            Polarity::Yin => "음",
        }
    }

    pub const fn code(self) -> &'static str {
        match self {
            Polarity::Yang => "yang",
            Polarity::Yin => "yin",
        }
    }
}

/// 천간: index 0..9 = 갑 을 병 정 무 기 경 신 임 계.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Stem(u8);

const STEM_HANGUL: [&str; 10] = ["갑", "을", "병", "정", "무", "기", "경", "신", "임", "계"];
const STEM_HANJA: [&str; 10] = ["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"];

impl Stem {
    pub const COUNT: usize = 10;

    /// Builds a stem from any integer, wrapping modulo 10.
    pub const fn new(i: i64) -> Stem {
        Stem(i.rem_euclid(10) as u8)
    }

    pub fn all() -> impl Iterator<Item = Stem> {
        (0..10).map(Stem::new)
    }

    pub const fn index(self) -> usize {
        self.0 as usize
    }

    pub const fn element(self) -> Element {
        Element::from_index(self.index() / 2)
    }

    pub const fn polarity(self) -> Polarity {
        if self.0.is_multiple_of(2) {
            Polarity::Yang
        } else {
            Polarity::Yin
        }
    }

    pub const fn hangul(self) -> &'static str {
        STEM_HANGUL[self.index()]
    }

    pub const fn hanja(self) -> &'static str {
        STEM_HANJA[self.index()]
    }

    /// The stem `n` steps later in the cycle (negative goes back).
    pub const fn offset(self, n: i64) -> Stem {
        Stem::new(self.0 as i64 + n)
    }

    /// Parses one hangul or hanja character (`갑`, `甲`).
    pub fn parse(s: &str) -> Option<Stem> {
        let i = STEM_HANGUL.iter().position(|h| *h == s).or_else(|| STEM_HANJA.iter().position(|h| *h == s))?;
        Some(Stem(i as u8))
    }
}

/// 지지: index 0..11 = 자 축 인 묘 진 사 오 미 신 유 술 해.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Branch(u8);

const BRANCH_HANGUL: [&str; 12] = ["자", "축", "인", "묘", "진", "사", "오", "미", "신", "유", "술", "해"];
const BRANCH_HANJA: [&str; 12] = ["子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥"];
const BRANCH_ANIMAL: [&str; 12] = ["쥐", "소", "호랑이", "토끼", "용", "뱀", "말", "양", "원숭이", "닭", "개", "돼지"];
const BRANCH_ELEMENT: [Element; 12] = [
    Element::Water,
    Element::Earth,
    Element::Wood,
    Element::Wood,
    Element::Earth,
    Element::Fire,
    Element::Fire,
    Element::Earth,
    Element::Metal,
    Element::Metal,
    Element::Earth,
    Element::Water,
];

impl Branch {
    pub const COUNT: usize = 12;

    /// Builds a branch from any integer, wrapping modulo 12.
    pub const fn new(i: i64) -> Branch {
        Branch(i.rem_euclid(12) as u8)
    }

    pub fn all() -> impl Iterator<Item = Branch> {
        (0..12).map(Branch::new)
    }

    pub const fn index(self) -> usize {
        self.0 as usize
    }

    pub const fn element(self) -> Element {
        BRANCH_ELEMENT[self.index()]
    }

    /// Polarity by position (자 양, 축 음, ...), the convention for the branch itself.
    pub const fn polarity(self) -> Polarity {
        if self.0.is_multiple_of(2) {
            Polarity::Yang
        } else {
            Polarity::Yin
        }
    }

    pub const fn hangul(self) -> &'static str {
        BRANCH_HANGUL[self.index()]
    }

    pub const fn hanja(self) -> &'static str {
        BRANCH_HANJA[self.index()]
    }

    /// 띠 animal in Korean.
    pub const fn animal(self) -> &'static str {
        BRANCH_ANIMAL[self.index()]
    }

    /// The branch of the 띠 word at the start of `text` ("돼지띠…", "범띠", "잔나비띠"), the word's animal
    /// or its old name.
    pub fn of_zodiac_word_at(text: &str) -> Option<Branch> {
        const OLD_NAMES: [(&str, i64); 2] = [("범", 2), ("잔나비", 8)];
        let names = BRANCH_ANIMAL.iter().enumerate().map(|(i, a)| (*a, i as i64)).chain(OLD_NAMES);
        names
            .filter(|(a, _)| text.strip_prefix(a).is_some_and(|rest| rest.starts_with('띠')))
            .max_by_key(|(a, _)| a.len())
            .map(|(_, i)| Branch::new(i))
    }

    pub const fn offset(self, n: i64) -> Branch {
        Branch::new(self.0 as i64 + n)
    }

    pub fn parse(s: &str) -> Option<Branch> {
        let i = BRANCH_HANGUL.iter().position(|h| *h == s).or_else(|| BRANCH_HANJA.iter().position(|h| *h == s))?;
        Some(Branch(i as u8))
    }
}

const GANZHI_HANGUL: [&str; 60] = [
    "갑자", "을축", "병인", "정묘", "무진", "기사", "경오", "신미", "임신", "계유", "갑술", "을해", "병자", "정축",
    "무인", "기묘", "경진", "신사", "임오", "계미", "갑신", "을유", "병술", "정해", "무자", "기축", "경인", "신묘",
    "임진", "계사", "갑오", "을미", "병신", "정유", "무술", "기해", "경자", "신축", "임인", "계묘", "갑진", "을사",
    "병오", "정미", "무신", "기유", "경술", "신해", "임자", "계축", "갑인", "을묘", "병진", "정사", "무오", "기미",
    "경신", "신유", "임술", "계해",
];
const GANZHI_HANJA: [&str; 60] = [
    "甲子", "乙丑", "丙寅", "丁卯", "戊辰", "己巳", "庚午", "辛未", "壬申", "癸酉", "甲戌", "乙亥", "丙子", "丁丑",
    "戊寅", "己卯", "庚辰", "辛巳", "壬午", "癸未", "甲申", "乙酉", "丙戌", "丁亥", "戊子", "己丑", "庚寅", "辛卯",
    "壬辰", "癸巳", "甲午", "乙未", "丙申", "丁酉", "戊戌", "己亥", "庚子", "辛丑", "壬寅", "癸卯", "甲辰", "乙巳",
    "丙午", "丁未", "戊申", "己酉", "庚戌", "辛亥", "壬子", "癸丑", "甲寅", "乙卯", "丙辰", "丁巳", "戊午", "己未",
    "庚申", "辛酉", "壬戌", "癸亥",
];

/// 육십갑자: index 0..59, 0 = 갑자, 59 = 계해.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GanZhi(u8);

impl GanZhi {
    pub const COUNT: usize = 60;

    pub const fn new(i: i64) -> GanZhi {
        GanZhi(i.rem_euclid(60) as u8)
    }

    /// The cycle member with this stem and branch, if they share polarity.
    pub const fn from_parts(stem: Stem, branch: Branch) -> Option<GanZhi> {
        if stem.index() % 2 != branch.index() % 2 {
            return None;
        }
        // Chinese remainder: i ≡ s (mod 10), i ≡ b (mod 12).
        let s = stem.index() as i64;
        let b = branch.index() as i64;
        let i = (6 * s - 5 * b).rem_euclid(60);
        Some(GanZhi(i as u8))
    }

    pub const fn index(self) -> usize {
        self.0 as usize
    }

    pub const fn stem(self) -> Stem {
        Stem::new(self.0 as i64)
    }

    pub const fn branch(self) -> Branch {
        Branch::new(self.0 as i64)
    }

    pub const fn offset(self, n: i64) -> GanZhi {
        GanZhi::new(self.0 as i64 + n)
    }

    pub const fn hangul(self) -> &'static str {
        GANZHI_HANGUL[self.index()]
    }

    pub const fn hanja(self) -> &'static str {
        GANZHI_HANJA[self.index()]
    }

    /// Parses `갑자` or `甲子`.
    pub fn parse(s: &str) -> Option<GanZhi> {
        let mut chars = s.chars();
        let (a, b) = (chars.next()?, chars.next()?);
        if chars.next().is_some() {
            return None;
        }
        let stem = Stem::parse(a.encode_utf8(&mut [0; 4]))?;
        let branch = Branch::parse(b.encode_utf8(&mut [0; 4]))?;
        GanZhi::from_parts(stem, branch)
    }
}

impl fmt::Display for GanZhi {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.hangul())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sixty_cycle_round_trips_through_parts() {
        for i in 0..60 {
            let g = GanZhi::new(i);
            assert_eq!(GanZhi::from_parts(g.stem(), g.branch()), Some(g));
            assert_eq!(GanZhi::parse(g.hangul()), Some(g));
            assert_eq!(GanZhi::parse(g.hanja()), Some(g));
            assert_eq!(g.hangul(), format!("{}{}", g.stem().hangul(), g.branch().hangul()));
            assert_eq!(g.hanja(), format!("{}{}", g.stem().hanja(), g.branch().hanja()));
        }
        assert_eq!(GanZhi::new(0).hangul(), "갑자");
        assert_eq!(GanZhi::new(59).hanja(), "癸亥");
        assert_eq!(GanZhi::from_parts(Stem::new(0), Branch::new(1)), None);
    }

    #[test]
    fn elements_follow_generating_and_controlling_cycles() {
        assert_eq!(Element::Wood.produces(), Element::Fire);
        assert_eq!(Element::Water.produces(), Element::Wood);
        assert_eq!(Element::Wood.controls(), Element::Earth);
        assert_eq!(Element::Metal.controls(), Element::Wood);
        assert_eq!(Stem::new(6).element(), Element::Metal);
        assert_eq!(Stem::new(7).polarity(), Polarity::Yin);
        assert_eq!(Branch::new(5).element(), Element::Fire);
    }
}
