//! How the sender of a message was decided: the method recorded with every match
//! (`message_officials.method`), printed by `show`, `explain` and `officials show`, exported in
//! JSON, and named in French by the web.
//!
//! The stored and printed names (`as_str`) are part of the CLI contract and of the database:
//! they never change. An unknown name read back from the database is an error, not a guess.

use std::fmt;

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};
use serde::{Serialize, Serializer};

/// How a message's sender was (or was not) identified.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Method {
    /// No step decided anything.
    #[default]
    None,
    /// Officials the name fits, kept for staff, none taken: the evidence did not agree.
    Possible,
    /// The sender's address is known (address book, or learned from a staff confirmation).
    Address,
    /// The signature (or display-name) block names the official, with agreeing evidence, or
    /// a function and commune name the mayor.
    Signature,
    /// A town-hall address (or a commune's own domain) and the display name.
    TownHallDomain,
    /// A generic town-hall mailbox, taken as written on behalf of the mayor.
    TownHallGeneric,
    /// Several officials fit equally: all are candidates, none is chosen.
    Ambiguous,
    /// A person decided (`officials confirm`, with or without `--not`).
    Staff,
    /// A display name alone: written by versions before a name stopped being an identity on its
    /// own (issue 15); no step decides it any more, but old databases hold it.
    Name,
    /// Not a message's match: the official of a case, exported with it (`case show --json`,
    /// `export --cases`); never recorded in `message_officials`.
    Case,
}

impl Method {
    /// Every method, in the order above.
    pub const ALL: [Method; 10] = [
        Method::None,
        Method::Possible,
        Method::Address,
        Method::Signature,
        Method::TownHallDomain,
        Method::TownHallGeneric,
        Method::Ambiguous,
        Method::Staff,
        Method::Name,
        Method::Case,
    ];

    /// The name stored in SQLite and printed by the CLI and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::None => "none",
            Method::Possible => "possible",
            Method::Address => "address",
            Method::Signature => "signature",
            Method::TownHallDomain => "town_hall_domain",
            Method::TownHallGeneric => "town_hall_generic",
            Method::Ambiguous => "ambiguous",
            Method::Staff => "staff",
            Method::Name => "name",
            Method::Case => "case",
        }
    }

    /// The method of a stored name, `None` when unknown.
    pub fn parse(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == name)
    }

    /// The French label the web shows.
    pub fn french(self) -> &'static str {
        match self {
            Method::None => "aucun",
            Method::Possible => "candidat possible, non retenu",
            Method::Address => "adresse connue",
            Method::Signature => "signature",
            Method::TownHallDomain => "adresse de la mairie",
            Method::TownHallGeneric => "boîte générique de la mairie",
            Method::Ambiguous => "homonymes, aucun choisi",
            Method::Staff => "décision d'un collaborateur",
            Method::Name => "nom seul (ancienne règle)",
            Method::Case => "élu du dossier",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Method {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl ToSql for Method {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.as_str()))
    }
}

impl FromSql for Method {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        let name = value.as_str()?;
        Method::parse(name)
            .ok_or_else(|| FromSqlError::Other(format!("unknown match method {name:?}").into()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_are_distinct() {
        for m in Method::ALL {
            assert_eq!(Method::parse(m.as_str()), Some(m));
            assert_eq!(m.to_string(), m.as_str());
            assert!(!m.french().is_empty());
        }
        let names: std::collections::BTreeSet<&str> =
            Method::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(names.len(), Method::ALL.len());
        assert_eq!(Method::parse("guess"), None);
    }

    #[test]
    fn stored_and_read_back_as_text() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (m TEXT NOT NULL)")
            .unwrap();
        conn.execute("INSERT INTO t (m) VALUES (?1)", [Method::TownHallGeneric])
            .unwrap();
        let text: String = conn.query_row("SELECT m FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(text, "town_hall_generic");
        let back: Method = conn.query_row("SELECT m FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(back, Method::TownHallGeneric);
        let unknown = conn.query_row("SELECT 'guess'", [], |r| r.get::<_, Method>(0));
        assert!(unknown.is_err());
    }

    #[test]
    fn serialised_as_its_name() {
        assert_eq!(
            serde_json::to_string(&Method::Address).unwrap(),
            "\"address\""
        );
    }
}
