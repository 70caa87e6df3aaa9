//! Units (科室/单位) named by the plan, and the outside departments it works with.

use std::fmt;

/// 单位名称 — the name of a unit exactly as the plan writes it (e.g. `水科`, `综合执法支队`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitName(String);

impl UnitName {
    /// Wraps a name; surrounding white space is removed.
    pub fn new(name: &str) -> Self {
        Self(name.trim().to_string())
    }

    /// The name as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UnitName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// 单位类别 — what kind of unit a name stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitKind {
    /// 局机关科室 — an internal section or office of the bureau (水科, 督察办, 办公室 …).
    Section,
    /// 局属单位 — a unit attached to the bureau (综合执法支队, 监测站, 环科院, 宣教中心).
    Affiliated,
    /// 泛指 — a collective name standing for several units (各科室, 各单位, 各基层党组织).
    Collective,
    /// 局外部门 — a department or body outside the bureau (禁烧办, 公安, 城管, 住建 …).
    External,
}

impl UnitKind {
    /// The code used in plan files and the database.
    pub fn code(self) -> &'static str {
        match self {
            Self::Section => "section",
            Self::Affiliated => "affiliated",
            Self::Collective => "collective",
            Self::External => "external",
        }
    }

    /// Parses a plan-file code.
    pub fn from_code(code: &str) -> Option<Self> {
        [
            Self::Section,
            Self::Affiliated,
            Self::Collective,
            Self::External,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }

    /// The Chinese label shown in the UI.
    pub fn label(self) -> &'static str {
        match self {
            Self::Section => "局机关科室",
            Self::Affiliated => "局属单位",
            Self::Collective => "泛指（多个单位）",
            Self::External => "局外部门",
        }
    }

    /// Whether units of this kind belong to the bureau.
    pub fn is_internal(self) -> bool {
        matches!(self, Self::Section | Self::Affiliated)
    }
}

/// 单位 — one unit of the registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// The canonical name.
    pub name: UnitName,
    /// What kind of unit this is.
    pub kind: UnitKind,
    /// Other ways the plan writes the same unit (e.g. `局办公室` for `办公室`, or the slip
    /// `综治执法支队` for `综合执法支队` in task (三)2).
    pub aliases: Vec<String>,
    /// For a collective name: the kinds of unit it covers (`各科室` covers every section).
    pub covers: Vec<UnitKind>,
    /// A short note, e.g. what an external department is.
    pub note: Option<String>,
}

impl Unit {
    /// Whether `written` names this unit, by its name or one of its aliases.
    pub fn is_named(&self, written: &str) -> bool {
        let w = written.trim();
        self.name.as_str() == w || self.aliases.iter().any(|a| a == w)
    }
}

/// 单位名录 — the units of a plan in the plan's own order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UnitRegistry {
    units: Vec<Unit>,
}

impl UnitRegistry {
    /// Builds a registry; the order given is the order shown.
    pub fn new(units: Vec<Unit>) -> Self {
        Self { units }
    }

    /// All units in order.
    pub fn all(&self) -> &[Unit] {
        &self.units
    }

    /// The unit a written name refers to (canonical name or alias).
    pub fn resolve(&self, written: &str) -> Option<&Unit> {
        self.units.iter().find(|u| u.is_named(written))
    }

    /// Whether the unit `who` is meant when the plan writes `written`: the same unit, or a
    /// collective name that covers `who`'s kind.
    pub fn designates(&self, written: &str, who: &Unit) -> bool {
        match self.resolve(written) {
            Some(u) if u.name == who.name => true,
            Some(u) if u.kind == UnitKind::Collective => u.covers.contains(&who.kind),
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(name: &str, kind: UnitKind, aliases: &[&str], covers: &[UnitKind]) -> Unit {
        Unit {
            name: UnitName::new(name),
            kind,
            aliases: aliases.iter().map(|s| s.to_string()).collect(),
            covers: covers.to_vec(),
            note: None,
        }
    }

    #[test]
    fn resolves_aliases_and_collectives() {
        let reg = UnitRegistry::new(vec![
            unit("水科", UnitKind::Section, &[], &[]),
            unit("综合执法支队", UnitKind::Affiliated, &["综治执法支队"], &[]),
            unit(
                "各科室",
                UnitKind::Collective,
                &["科室"],
                &[UnitKind::Section],
            ),
        ]);
        let water = reg.resolve("水科").expect("水科");
        let squad = reg.resolve("综治执法支队").expect("alias");
        assert_eq!(squad.name.as_str(), "综合执法支队");
        assert!(reg.designates("各科室", water));
        assert!(!reg.designates("各科室", squad));
        assert!(reg.designates("综治执法支队", squad));
        assert!(!reg.designates("气科", water));
    }

    #[test]
    fn kind_codes_round_trip() {
        for k in [
            UnitKind::Section,
            UnitKind::Affiliated,
            UnitKind::Collective,
            UnitKind::External,
        ] {
            assert_eq!(UnitKind::from_code(k.code()), Some(k));
        }
        assert_eq!(UnitKind::from_code("x"), None);
    }
}
