//! Great-circle distance: the one piece of geometry the geoparser, the clustering
//! of events and the evaluation all need.

/// Mean Earth radius, km.
const EARTH_RADIUS_KM: f64 = 6371.0088;

/// Distance between two WGS84 points in km (haversine; good to 0.5% which is far
/// below gazetteer precision).
pub fn haversine_km(lat1: f64, lon1: f64, lat2: f64, lon2: f64) -> f64 {
    let (p1, p2) = (lat1.to_radians(), lat2.to_radians());
    let dp = p2 - p1;
    let dl = (lon2 - lon1).to_radians();
    let a = (dp / 2.0).sin().powi(2) + p1.cos() * p2.cos() * (dl / 2.0).sin().powi(2);
    2.0 * EARTH_RADIUS_KM * a.sqrt().clamp(0.0, 1.0).asin()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_distances() {
        // Jakarta - Surabaya is about 660 km.
        let d = haversine_km(-6.2146, 106.8451, -7.2492, 112.7508);
        assert!((d - 663.0).abs() < 10.0, "{d}");
        assert!(haversine_km(10.0, 20.0, 10.0, 20.0) < 1e-9);
        // Antipodes: half the circumference.
        let d = haversine_km(0.0, 0.0, 0.0, 180.0);
        assert!((d - 20015.0).abs() < 5.0, "{d}");
    }
}
