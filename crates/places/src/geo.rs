//! Great-circle distance (shared with the store's clustering, see `sitrep_core::geo`).

pub use sitrep_core::geo::haversine_km;
