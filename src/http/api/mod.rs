//! The `/v1` API and the operations routes, as poem-openapi services.

pub mod admin;
pub mod calendar;
pub mod charts;
pub mod json_body;
pub mod knowledge;
pub mod models;
pub mod ops;
pub mod places;
pub mod plugins;
pub mod profiles;
pub mod sessions;
pub mod svg;
pub mod timing;
pub mod turn;
pub mod users;

use poem_openapi::Tags;

#[derive(Tags)]
pub enum ApiTags {
    /// 사주 차트 계산
    Charts,
    /// 음력·양력 변환과 절기
    Calendar,
    /// 사용자와 토큰, 개인 데이터 내보내기·삭제
    Users,
    /// 저장한 사람(나, 가족, 연인)의 출생 정보
    Profiles,
    /// 상담 대화
    Sessions,
    /// 해석 규칙 플러그인(WebAssembly)
    Plugins,
    /// 출생지 이름 → 시간대와 경도
    Places,
    /// 답변이 인용하는 지식 문단
    Knowledge,
    /// 운영자 전용
    Admin,
    /// 상태 점검
    Operations,
}

pub type Apis = (
    charts::ChartsApi,
    timing::TimingApi,
    calendar::CalendarApi,
    users::UsersApi,
    profiles::ProfilesApi,
    sessions::SessionsApi,
    places::PlacesApi,
    knowledge::KnowledgeApi,
    admin::AdminApi,
    plugins::PluginsApi,
    ops::OpsApi,
);

pub fn apis() -> Apis {
    (
        charts::ChartsApi,
        timing::TimingApi,
        calendar::CalendarApi,
        users::UsersApi,
        profiles::ProfilesApi,
        sessions::SessionsApi,
        places::PlacesApi,
        knowledge::KnowledgeApi,
        admin::AdminApi,
        plugins::PluginsApi,
        ops::OpsApi,
    )
}

/// Runs blocking store work off the async runtime.
pub async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, crate::store::StoreError> + Send + 'static,
) -> Result<T, crate::http::ApiError> {
    Ok(tokio::task::spawn_blocking(f).await??)
}
