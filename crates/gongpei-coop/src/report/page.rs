//! The frame of a self-contained report page: `<head>` with the title, the map CSS
//! ([`super::leaflet::map_css`]) and the reports' common style, and the credit line for the
//! embedded Leaflet that every page with a map ends with, after the scenario's data sources. The comparison report and the design
//! pages of gongpei-design are built in it.
//!
//! ```
//! use gongpei_coop::report::page::{page_end, page_start};
//! let mut h = page_start("Jizhou <district>: design", "");
//! h.push_str("<h1>…</h1>");
//! h.push_str(&page_end("<p>sources</p>"));
//! assert!(h.contains("<title>Jizhou &lt;district&gt;: design</title>"));
//! assert!(h.ends_with("</html>\n") && h.contains("Leaflet (BSD 2-Clause"));
//! ```

use std::fmt::Write;

use gongpei_scenario::SourceCredit;

use super::escape::html_text;
use super::leaflet::map_css;

/// The reports' own style: tables, the map figures row, verdict colours and the footer.
const PAGE_CSS: &str = "body{font-family:sans-serif;margin:2em;max-width:1300px}table{border-collapse:collapse;margin:1em 0}\
     td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#eee}td:first-child{text-align:left}\
     .maps{display:flex;flex-wrap:wrap;gap:16px}.bad{color:#b2182b}.ok{color:#1a9850}\
     footer{margin-top:3em;border-top:1px solid #ccc;font-size:90%;color:#444}";

/// The page up to and including `<body>`: `title` (plain text, escaped here) in `<title>`, the
/// map and page styles, then `extra_css` (trusted CSS of the caller).
pub fn page_start(title: &str, extra_css: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"zh\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title>\
         <style>{}</style><style>{PAGE_CSS}{extra_css}</style></head><body>",
        html_text(title),
        map_css()
    )
}

/// The credit for the Leaflet copy embedded in the page (its licence asks for it).
pub const LEAFLET_CREDIT: &str =
    "<p>Interactive map drawn with Leaflet (BSD 2-Clause licence, © Vladimir Agafonkin and \
     CloudMade), embedded in this page. Made by gongpei.</p>";

/// `<footer>` with `footer_html` (trusted HTML of the caller: escape names in it) and the Leaflet
/// credit, then the end of the page.
pub fn page_end(footer_html: &str) -> String {
    format!("<footer>{footer_html}{LEAFLET_CREDIT}</footer></body></html>\n")
}

/// The data sources a scenario names (`metadata.sources`), with their licences, as footer HTML
/// (every text escaped).
pub fn sources_footer(sources: &[SourceCredit]) -> String {
    let mut f = String::from("<h3>Data sources</h3>");
    if sources.is_empty() {
        f.push_str("<p>The scenario names no data sources.</p>");
    } else {
        f.push_str("<ul>");
        for s in sources {
            let _ = write!(
                f,
                "<li><b>{}</b>, {} (licence: {}); used for {}.</li>",
                html_text(&s.key),
                html_text(&s.title),
                html_text(&s.licence),
                html_text(&s.used_for)
            );
        }
        f.push_str("</ul>");
    }
    f
}
