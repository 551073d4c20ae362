//! Lists the named `place=town|village|hamlet` nodes of an `.osm.pbf` file as a sites CSV
//! (`id,name,lon,lat,place`), sorted by OSM id. Used to make `data/osm/andorra_places.csv`:
//!
//! ```text
//! cargo run --release -p gongpei-osm --example places -- data/osm/andorra-20230502.osm.pbf
//! ```

use osmpbf::{Element, ElementReader};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let file = std::env::args()
        .nth(1)
        .ok_or("usage: places FILE.osm.pbf > sites.csv")?;
    let mut places: Vec<(i64, String, f64, f64, String)> = Vec::new();
    let keep = |tags: Vec<(&str, &str)>| -> Option<(String, String)> {
        let get = |k: &str| tags.iter().find(|(key, _)| *key == k).map(|(_, v)| *v);
        let place = get("place")?;
        if !matches!(place, "town" | "village" | "hamlet") {
            return None;
        }
        Some((get("name")?.to_string(), place.to_string()))
    };
    ElementReader::from_path(&file)?.for_each(|element| {
        let (id, lon, lat, found) = match element {
            Element::DenseNode(n) => (n.id(), n.lon(), n.lat(), keep(n.tags().collect())),
            Element::Node(n) => (n.id(), n.lon(), n.lat(), keep(n.tags().collect())),
            _ => return,
        };
        if let Some((name, place)) = found {
            places.push((id, name, lon, lat, place));
        }
    })?;
    places.sort_by_key(|p| p.0);
    println!("id,name,lon,lat,place");
    for (id, name, lon, lat, place) in places {
        let name = name.replace('"', "\"\"");
        println!("n{id},\"{name}\",{lon:.7},{lat:.7},{place}");
    }
    Ok(())
}
