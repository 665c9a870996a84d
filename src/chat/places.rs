//! Birth places people name in Korean → IANA zone and longitude: Korean cities and districts, and the
//! world's cities Koreans are most often born in. Longitudes are the city centres (degrees east).

/// A named place.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Place {
    pub name: &'static str,
    pub zone: &'static str,
    pub longitude: f64,
}

const fn p(name: &'static str, zone: &'static str, longitude: f64) -> Place {
    Place { name, zone, longitude }
}

const SEOUL: &str = "Asia/Seoul";

/// Order does not matter: `find_place` takes the earliest mention, the longest name among ties.
pub const PLACES: &[Place] = &[
    p("서울", SEOUL, 126.978),
    p("강남", SEOUL, 127.047),
    p("부산", SEOUL, 129.075),
    p("대구", SEOUL, 128.601),
    p("인천", SEOUL, 126.705),
    p("광주", SEOUL, 126.852),
    p("대전", SEOUL, 127.385),
    p("울산", SEOUL, 129.311),
    p("세종", SEOUL, 127.289),
    p("수원", SEOUL, 127.029),
    p("성남", SEOUL, 127.138),
    p("고양", SEOUL, 126.832),
    p("용인", SEOUL, 127.178),
    p("창원", SEOUL, 128.681),
    p("마산", SEOUL, 128.572),
    p("청주", SEOUL, 127.489),
    p("전주", SEOUL, 127.148),
    p("천안", SEOUL, 127.114),
    p("포항", SEOUL, 129.343),
    p("서귀포", SEOUL, 126.560),
    p("제주", SEOUL, 126.531),
    p("강릉", SEOUL, 128.876),
    p("춘천", SEOUL, 127.730),
    p("원주", SEOUL, 127.920),
    p("안동", SEOUL, 128.729),
    p("목포", SEOUL, 126.392),
    p("여수", SEOUL, 127.662),
    p("순천", SEOUL, 127.487),
    p("경주", SEOUL, 129.225),
    p("김해", SEOUL, 128.889),
    p("진주", SEOUL, 128.108),
    p("군산", SEOUL, 126.737),
    p("익산", SEOUL, 126.957),
    p("구미", SEOUL, 128.344),
    p("평택", SEOUL, 127.113),
    p("의정부", SEOUL, 127.034),
    p("파주", SEOUL, 126.780),
    p("김포", SEOUL, 126.716),
    p("안산", SEOUL, 126.831),
    p("안양", SEOUL, 126.951),
    p("부천", SEOUL, 126.766),
    p("남양주", SEOUL, 127.216),
    p("속초", SEOUL, 128.592),
    p("평양", "Asia/Pyongyang", 125.754),
    p("도쿄", "Asia/Tokyo", 139.692),
    p("오사카", "Asia/Tokyo", 135.502),
    p("베이징", "Asia/Shanghai", 116.407),
    p("북경", "Asia/Shanghai", 116.407),
    p("상하이", "Asia/Shanghai", 121.474),
    p("홍콩", "Asia/Hong_Kong", 114.169),
    p("타이베이", "Asia/Taipei", 121.565),
    p("싱가포르", "Asia/Singapore", 103.820),
    p("방콕", "Asia/Bangkok", 100.502),
    p("하노이", "Asia/Bangkok", 105.834),
    p("호치민", "Asia/Ho_Chi_Minh", 106.660),
    p("마닐라", "Asia/Manila", 120.984),
    p("자카르타", "Asia/Jakarta", 106.845),
    p("두바이", "Asia/Dubai", 55.271),
    p("뉴욕", "America/New_York", -74.006),
    p("워싱턴", "America/New_York", -77.037),
    p("보스턴", "America/New_York", -71.059),
    p("애틀랜타", "America/New_York", -84.388),
    p("시카고", "America/Chicago", -87.630),
    p("휴스턴", "America/Chicago", -95.370),
    p("로스앤젤레스", "America/Los_Angeles", -118.244),
    p("엘에이", "America/Los_Angeles", -118.244),
    p("LA", "America/Los_Angeles", -118.244),
    p("샌프란시스코", "America/Los_Angeles", -122.419),
    p("시애틀", "America/Los_Angeles", -122.332),
    p("호놀룰루", "Pacific/Honolulu", -157.858),
    p("하와이", "Pacific/Honolulu", -157.858),
    p("토론토", "America/Toronto", -79.383),
    p("밴쿠버", "America/Vancouver", -123.121),
    p("런던", "Europe/London", -0.128),
    p("파리", "Europe/Paris", 2.352),
    p("베를린", "Europe/Berlin", 13.405),
    p("프랑크푸르트", "Europe/Berlin", 8.682),
    p("모스크바", "Europe/Moscow", 37.618),
    p("시드니", "Australia/Sydney", 151.209),
    p("멜버른", "Australia/Melbourne", 144.963),
    p("오클랜드", "Pacific/Auckland", 174.763),
    p("상파울루", "America/Sao_Paulo", -46.633),
];

/// The first place named in `text` (the earliest mention; the longer name when two start together).
pub fn find_place(text: &str) -> Option<Place> {
    places_in(text).into_iter().next().map(|(_, _, place)| place)
}

/// Every place named in `text` with its byte range, in order; where two names start together the longer wins.
pub fn places_in(text: &str) -> Vec<(usize, usize, Place)> {
    let mut found: Vec<(usize, usize, Place)> = PLACES
        .iter()
        .flat_map(|place| {
            text.match_indices(place.name)
                // Latin names (LA) must also end their word: LAX is not LA.
                .filter(|(i, _)| {
                    let latin = place.name.is_ascii();
                    is_word_start(text, *i) && (!latin || is_word_end(text, *i + place.name.len()))
                })
                .map(|(i, _)| (i, i + place.name.len(), *place))
        })
        .collect();
    found.sort_by_key(|(i, end, _)| (*i, std::cmp::Reverse(*end)));
    let mut last_end = 0;
    found.retain(|(i, end, _)| {
        let keep = *i >= last_end;
        if keep {
            last_end = *end;
        }
        keep
    });
    found
}

/// The place named `name` (a key of [`PLACES`]), or the one at this zone and longitude (a chart request's).
pub fn place_named(name: &str) -> Option<Place> {
    PLACES.iter().find(|p| p.name == name).copied()
}

/// The first place at this zone and longitude: how a stored chart request names its place again.
pub fn place_at(zone: &str, longitude: f64) -> Option<Place> {
    PLACES.iter().find(|p| p.zone == zone && (p.longitude - longitude).abs() < 1e-6).copied()
}

/// A place name must not be the tail of a longer Hangul word (광주 in 경기광주 is fine; 대전 in 세계대전 is not).
fn is_word_start(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_none_or(|c| !('가'..='힣').contains(&c))
}

fn is_word_end(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_none_or(|c| !c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_korean_and_world_cities() {
        assert_eq!(find_place("부산에서 태어났어요").unwrap().longitude, 129.075);
        assert_eq!(find_place("서귀포 출생").unwrap().name, "서귀포");
        assert_eq!(find_place("뉴욕에서 태어난 여자").unwrap().zone, "America/New_York");
        assert_eq!(find_place("LA에서 출생").unwrap().zone, "America/Los_Angeles");
        assert_eq!(find_place("LAX 공항"), None);
        assert_eq!(find_place("세계대전 이야기"), None);
        assert_eq!(find_place("그냥 궁금해서요"), None);
        assert_eq!(find_place("서울에서 태어나 부산에서 자랐어요").unwrap().name, "서울");
        let both: Vec<&str> = places_in("서울에서 태어나 부산에서 자랐어요").iter().map(|p| p.2.name).collect();
        assert_eq!(both, ["서울", "부산"]);
        assert_eq!(place_at("America/Los_Angeles", -118.244).unwrap().name, "로스앤젤레스");
        for place in PLACES {
            assert!(jiff::tz::TimeZone::get(place.zone).is_ok(), "{}", place.zone);
            assert!((-180.0..=180.0).contains(&place.longitude));
        }
    }
}
