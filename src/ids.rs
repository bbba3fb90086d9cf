//! Typed row ids: a message, a case and an official are different things even though SQLite
//! numbers each with an `i64`. Functions that take two of them (`cases::merge(from, into)`,
//! `cases::split(case, messages)`) cannot be called with one in place of the other.
//!
//! Each id is stored and serialised as its bare number (SQLite, JSON), displayed as the number,
//! and parsed from the number with an optional leading `#` (« #12 », as pages and the CLI print
//! them).

use std::fmt;
use std::str::FromStr;

use rusqlite::types::{FromSql, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Deserialize, Serialize};

/// A text that does not name an id: empty, not a number, zero or negative.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a number")]
pub struct BadId(pub String);

macro_rules! id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(pub i64);

        impl $name {
            /// The number as SQLite stores it.
            pub fn get(self) -> i64 {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl FromStr for $name {
            type Err = BadId;

            /// `12` or `#12`; surrounding blanks ignored.
            fn from_str(s: &str) -> Result<Self, BadId> {
                let t = s.trim();
                let t = t.strip_prefix('#').unwrap_or(t);
                match t.parse::<i64>() {
                    Ok(n) if n > 0 => Ok($name(n)),
                    _ => Err(BadId(s.chars().take(64).collect())),
                }
            }
        }

        impl ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
                self.0.to_sql()
            }
        }

        impl FromSql for $name {
            fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
                i64::column_result(value).map($name)
            }
        }

        impl From<$name> for i64 {
            fn from(id: $name) -> i64 {
                id.0
            }
        }
    };
}

id!(
    /// A row of `messages`.
    MessageId
);
id!(
    /// A row of `cases`.
    CaseId
);
id!(
    /// A row of `officials`.
    OfficialId
);
id!(
    /// A row of `events`: one event of the agenda.
    EventId
);
id!(
    /// A row of `case_undo`: one staff action (or one bulk action) that can be taken back.
    UndoId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_with_or_without_hash() {
        assert_eq!("12".parse::<CaseId>(), Ok(CaseId(12)));
        assert_eq!(" #12 ".parse::<CaseId>(), Ok(CaseId(12)));
        assert!("".parse::<CaseId>().is_err());
        assert!("abc".parse::<MessageId>().is_err());
        assert!("0".parse::<OfficialId>().is_err());
        assert!("-3".parse::<OfficialId>().is_err());
    }

    #[test]
    fn round_trips_through_sqlite_and_json() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let back: MessageId = conn
            .query_row("SELECT ?1", [MessageId(7)], |r| r.get(0))
            .unwrap();
        assert_eq!(back, MessageId(7));
        assert_eq!(serde_json::to_string(&CaseId(3)).unwrap(), "3");
        assert_eq!(CaseId(3).to_string(), "3");
    }
}
