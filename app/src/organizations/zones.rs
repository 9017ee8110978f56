//! The time zone of each unit (server only): a unit's own zone, else its parent's, up to
//! Europe/Paris at the root. Built from the whole tree at once, so that an HR table or a batch of
//! reminders resolves every agent's zone without a query per agent.

use std::collections::HashMap;

use crate::time::{default_zone, zone, TimeZone};

/// Units deeper than this are treated as if they set no zone (a cycle cannot be stored, but the
/// walk up must end whatever the table holds).
const MAX_DEPTH: usize = 64;

/// The effective zone of every unit.
#[derive(Clone, Debug)]
pub struct UnitZones {
    zones: HashMap<i64, TimeZone>,
    default: TimeZone,
}

impl UnitZones {
    /// From `(id, parent_id, time_zone)` of every unit. A stored name the database no longer
    /// knows counts as unset, so that the unit inherits instead of failing.
    pub fn from_units(units: impl IntoIterator<Item = (i64, Option<i64>, Option<String>)>) -> Self {
        let units: Vec<_> = units.into_iter().collect();
        let parent: HashMap<i64, Option<i64>> = units.iter().map(|(id, parent, _)| (*id, *parent)).collect();
        let own: HashMap<i64, TimeZone> = units.iter().filter_map(|(id, _, name)| Some((*id, zone(name.as_deref()?)?))).collect();
        let default = default_zone();
        let zones = units
            .iter()
            .map(|(id, ..)| {
                let mut current = Some(*id);
                let mut found = None;
                for _ in 0..MAX_DEPTH {
                    let Some(unit) = current else { break };
                    if let Some(zone) = own.get(&unit) {
                        found = Some(zone.clone());
                        break;
                    }
                    current = parent.get(&unit).copied().flatten();
                }
                (*id, found.unwrap_or_else(|| default.clone()))
            })
            .collect();
        UnitZones { zones, default }
    }

    /// The zone of a unit; Europe/Paris for no unit or a unit not in the tree.
    pub fn of(&self, unit: Option<i64>) -> &TimeZone {
        unit.and_then(|id| self.zones.get(&id)).unwrap_or(&self.default)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_inherit_the_zone_of_their_parent() {
        let zones = UnitZones::from_units([
            (1, None, None),
            (2, Some(1), Some("Indian/Reunion".to_owned())),
            (3, Some(2), None),
            (4, Some(3), Some("America/Cayenne".to_owned())),
            (5, Some(1), Some("Nowhere/Atlantis".to_owned())),
        ]);
        let name = |unit| zones.of(unit).iana_name().unwrap_or("").to_owned();
        assert_eq!(name(Some(1)), "Europe/Paris", "the root defaults to Paris");
        assert_eq!(name(Some(2)), "Indian/Reunion");
        assert_eq!(name(Some(3)), "Indian/Reunion", "inherited");
        assert_eq!(name(Some(4)), "America/Cayenne", "its own wins over its parent's");
        assert_eq!(name(Some(5)), "Europe/Paris", "an unknown stored name is unset");
        assert_eq!(name(None), "Europe/Paris");
        assert_eq!(name(Some(99)), "Europe/Paris");
    }

    #[test]
    fn a_cycle_in_the_table_does_not_hang() {
        let zones = UnitZones::from_units([(1, Some(2), None), (2, Some(1), None)]);
        assert_eq!(zones.of(Some(1)).iana_name(), Some("Europe/Paris"));
    }
}
