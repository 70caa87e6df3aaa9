//! sea-orm entities of the regulatory ledgers (migration 7).

pub(crate) mod diesel_check;
pub(crate) mod draw;
pub(crate) mod enterprise;
pub(crate) mod inspection;
pub(crate) mod inspector;
pub(crate) mod inspector_relation;
pub(crate) mod outfall;
pub(crate) mod outfall_change;
pub(crate) mod outfall_measure;
pub(crate) mod petition;
pub(crate) mod petition_step;
