use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("not found")]
    NotFound,
    #[error("{0}")]
    Conflict(String),
    /// A per-owner limit would be exceeded.
    #[error("{0}")]
    LimitReached(Limit),
    /// A record names a profile the owner does not have.
    #[error("없는 프로필입니다: {0}")]
    UnknownProfile(String),
    #[error("데이터베이스가 다른 프로세스에서 쓰기용으로 열려 있습니다: {0}")]
    Locked(String),
    #[error("데이터베이스 스키마 버전 {found}은 이 프로그램({supported})보다 새 버전입니다. 새 버전의 saju를 쓰거나 백업에서 복원하세요")]
    NewerSchema { found: u64, supported: u64 },
    #[error("데이터베이스 오류: {0}")]
    Db(String),
    #[error("저장된 레코드를 읽을 수 없습니다: {0}")]
    Corrupt(String),
    #[error("파일 오류: {0}")]
    Io(String),
    /// The disk is full, or under the configured free-space watermark: nothing was written.
    #[error("{0}")]
    Full(String),
    /// The database failed a write and is being reopened; nothing can be read or written until then.
    #[error("{0}")]
    Unavailable(String),
}

/// The limits a store write can run into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limit {
    SessionTurns {
        max: u32,
    },
    Profiles {
        max: usize,
    },
    Sessions {
        max: usize,
    },
    /// The bytes one user may store (`limits.user_bytes`).
    UserBytes {
        max: u64,
    },
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::SessionTurns { max } => write!(f, "이 대화는 최대 {max}턴에 도달했습니다. 새 대화를 시작해 주세요"),
            Limit::Profiles { max } => write!(f, "프로필은 최대 {max}개까지 저장할 수 있습니다"),
            Limit::Sessions { max } => write!(f, "대화는 최대 {max}개까지 보관합니다. 오래된 대화를 지워 주세요"),
            Limit::UserBytes { max } => write!(
                f,
                "저장 공간 한도({})를 다 썼습니다. 오래된 대화나 프로필을 지우면 다시 저장할 수 있습니다",
                human_bytes(*max)
            ),
        }
    }
}

/// "64 MiB", "512 KiB", "900 B".
fn human_bytes(n: u64) -> String {
    match n {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 20 => format!("{:.1} MiB", n as f64 / f64::from(1u32 << 20)),
        n if n >= 1 << 10 => format!("{} KiB", n >> 10),
        n => format!("{n} B"),
    }
}

impl StoreError {
    /// A file that exists but cannot be read as a database, with what to do next.
    pub(super) fn damaged(path: &Path, why: impl std::fmt::Display) -> StoreError {
        StoreError::Corrupt(format!(
            "{}: 데이터베이스 파일로 읽을 수 없습니다({why}). 서버를 멈추고 이 파일을 다른 이름으로 옮겨 둔 뒤, 백업 파일(`backups/`)을 이 경로로 복사해 복원하세요. `saju verify`가 무엇을 읽을 수 없는지 보여 줍니다",
            path.display()
        ))
    }

    pub(super) fn from_open(e: redb::DatabaseError, path: &Path) -> StoreError {
        match e {
            redb::DatabaseError::DatabaseAlreadyOpen => StoreError::Locked(path.display().to_string()),
            redb::DatabaseError::RepairAborted => StoreError::Db(format!(
                "{}: 비정상 종료 뒤 복구가 필요한 상태라 읽기 전용으로 열 수 없습니다. `saju serve` 또는 `saju migrate`로 한 번 열면 복구됩니다",
                path.display()
            )),
            redb::DatabaseError::Storage(redb::StorageError::Corrupted(why)) => StoreError::damaged(path, why),
            redb::DatabaseError::Storage(redb::StorageError::Io(io)) if io.kind() == std::io::ErrorKind::InvalidData => {
                StoreError::damaged(path, io)
            }
            other => StoreError::Db(format!("{}: {other}", path.display())),
        }
    }
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                super::disk::classify(e.into()).0
            }
        }
    )*};
}
from_redb!(redb::Error, redb::TransactionError, redb::TableError, redb::StorageError, redb::CommitError);

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
