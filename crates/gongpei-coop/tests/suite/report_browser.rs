//! Opens the HTML report (small preset, hostile names) in headless Chromium (Debian package
//! `chromium`, installed by `make deps`): no console message at all, Leaflet's map drawn with
//! its route and site paths, a route popup opened by link, the hostile name inert, and a
//! screenshot whose map area is mostly drawn on. Skips, saying so on stderr, when no Chromium
//! can be found (set `GONGPEI_CHROMIUM` to a browser binary to choose one).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use crate::report_support::{hostile, out_dir, quick_compare};
use gongpei_coop::report::write_outputs;
use gongpei_coop::world::World;

fn find_chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("GONGPEI_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    [
        "chromium",
        "chromium-browser",
        "google-chrome",
        "headless_shell",
    ]
    .iter()
    .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
    .find(|p| p.is_file())
}

/// Runs the browser on `url` with `args`, killing it after two minutes (a hung browser must
/// fail the test, not stall the suite).
fn run(browser: &Path, profile: &Path, args: &[&str], url: &str) -> Output {
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--hide-scrollbars",
            "--enable-logging=stderr",
            "--v=0",
            "--virtual-time-budget=8000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(url)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", browser.display()));
    // Both pipes are drained while waiting: a full pipe would block the browser.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().expect("piped stdout")));
    let stderr = drain(Box::new(child.stderr.take().expect("piped stderr")));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("browser status") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{} did not finish within 120 s", browser.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    Output {
        status,
        stdout: stdout.join().expect("stdout reader"),
        stderr: stderr.join().expect("stderr reader"),
    }
}

/// Browser log lines that report page console output (messages, errors, uncaught exceptions).
fn console_lines(stderr: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect()
}

#[test]
fn report_opens_in_headless_chromium_with_its_map_drawn() {
    let Some(browser) = find_chromium() else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED report_opens_in_headless_chromium_with_its_map_drawn: no chromium on PATH \
             (install Debian's chromium, e.g. `make deps`, or set GONGPEI_CHROMIUM)"
        );
        return;
    };
    let scenario = hostile();
    let world = World::new(&scenario).unwrap();
    let c = quick_compare(&world);
    let dir = out_dir("browser");
    write_outputs(&world, &c, &dir).unwrap();
    let page = dir.join("compare.html");
    let url = format!("file://{}", page.display());
    let profile = dir.join("chromium-profile");

    let dom = run(&browser, &profile, &["--dump-dom"], &url);
    let text = String::from_utf8_lossy(&dom.stdout);
    let console = console_lines(&dom.stderr);
    assert!(
        console.is_empty(),
        "console output:\n{}",
        console.join("\n")
    );
    assert!(
        text.contains("leaflet-container"),
        "no Leaflet map in the DOM"
    );
    assert!(
        text.contains("data-ready=\"true\""),
        "the map script did not finish"
    );
    assert!(
        text.contains("<pre id=\"map-errors\" hidden=\"\"></pre>"),
        "map errors shown"
    );
    // The name is in the page as text; had it run, the body would carry the attribute.
    assert!(
        !text.contains("data-pwned=\""),
        "a hostile site name ran as script"
    );
    let visible = c
        .modes
        .iter()
        .filter(|m| m.check.is_ok())
        .min_by(|a, b| a.kpis.cost.total_cmp(&b.kpis.cost))
        .unwrap();
    let paths = text.matches("class=\"leaflet-interactive\"").count();
    let expected = visible.plan.routes.len() + c.villages_total;
    assert!(
        paths >= expected,
        "{paths} interactive paths, expected at least {expected}"
    );
    // The layer control lists every mode's fleets.
    for m in &c.modes {
        assert!(
            text.contains(&format!("{} · ", m.mode.name())),
            "no layer of {}",
            m.mode.name()
        );
    }

    // A link to a route opens its popup.
    let route = format!("{}-1", visible.mode.name());
    let linked = run(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{url}#route={route}"),
    );
    let linked_text = String::from_utf8_lossy(&linked.stdout);
    assert!(console_lines(&linked.stderr).is_empty());
    let popup = &linked_text[linked_text
        .find("leaflet-popup-content")
        .expect("no popup open")..];
    assert!(
        popup.contains(&format!("route {route}")),
        "popup is not the route's"
    );
    assert!(popup.contains("CNY") && popup.contains(" km"));

    // The screenshot: the map area (its background colour) is large and well drawn on.
    let shot = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report_browser.png");
    let _ = std::fs::remove_file(&shot);
    let out = run(
        &browser,
        &profile,
        &[
            &format!("--screenshot={}", shot.display()),
            // Tall enough for the modes and money tables above the map (seven modes since
            // 快商合作, each row with its B2B columns).
            "--window-size=1280,1800",
        ],
        &url,
    );
    assert!(console_lines(&out.stderr).is_empty());
    let decoder = png::Decoder::new(std::io::BufReader::new(std::fs::File::open(&shot).unwrap()));
    let mut reader = decoder.read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    let channels = info.color_type.samples();
    let (w, h) = (info.width as usize, info.height as usize);
    let pixel = |x: usize, y: usize| {
        let k = (y * w + x) * channels;
        (buf[k], buf[k + 1], buf[k + 2])
    };
    let background = (0xf4, 0xf3, 0xee);
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for y in 0..h {
        for x in 0..w {
            if pixel(x, y) == background {
                (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
            }
        }
    }
    assert!(
        x1 > x0 + 600 && y1 > y0 + 400,
        "map area {x0},{y0}-{x1},{y1} in {}",
        shot.display()
    );
    // Drawn: anything but the background (lines, markers, controls); coloured: route lines and
    // markers (saturated pixels; the background, white and grey are not).
    let (mut drawn, mut coloured) = (0usize, 0usize);
    for y in y0..=y1 {
        for x in x0..=x1 {
            let (r, g, b) = pixel(x, y);
            if (r, g, b) != background {
                drawn += 1;
                if r.max(g).max(b) - r.min(g).min(b) > 40 {
                    coloured += 1;
                }
            }
        }
    }
    let area = (x1 - x0 + 1) * (y1 - y0 + 1);
    assert!(
        drawn > area / 20,
        "only {drawn} drawn pixels of {area} in the map ({})",
        shot.display()
    );
    assert!(
        coloured > area / 400,
        "only {coloured} coloured pixels of {area} in the map ({})",
        shot.display()
    );
    let _ = writeln!(
        std::io::stderr(),
        "report_browser: {paths} map paths; of {area} pixels in the map area {drawn} drawn, {coloured} coloured; screenshot {}",
        shot.display()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The shared map on a page of its own, as other report pages (the design pages of
/// gongpei-design) build it from the public blocks: a line, point markers with their own
/// colours and ground circles, in toggleable layers, all drawn with no console output, and a
/// `#site=` link opening a point's popup.
#[test]
fn shared_map_draws_lines_points_and_circles() {
    use gongpei_coop::report::leaflet::{map_html, MapData, MapFeature, MapLayer, Shape};
    use gongpei_coop::report::page::{page_end, page_start};
    let Some(browser) = find_chromium() else {
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED shared_map_draws_lines_points_and_circles: no chromium on PATH \
             (install Debian's chromium, e.g. `make deps`, or set GONGPEI_CHROMIUM)"
        );
        return;
    };
    let feature =
        |link: Option<&str>, title: &str, colour: Option<&str>, shape: Shape| MapFeature {
            link: link.map(str::to_string),
            title: title.to_string(),
            rows: vec![["cost".into(), "12.5 yuan/day".into()]],
            colour: colour.map(str::to_string),
            shape,
        };
    let point = |lon: f64, lat: f64| Shape::Point {
        lon,
        lat,
        radius: 7.0,
    };
    let stations = MapLayer {
        label: "stations <D=2km>".into(),
        colour: "#ff7f0e".into(),
        dashed: false,
        visible: true,
        features: vec![
            feature(
                None,
                "2 km",
                None,
                Shape::Circle {
                    lon: 117.40,
                    lat: 40.00,
                    radius_m: 2000.0,
                },
            ),
            feature(
                None,
                "V1 -> S",
                None,
                Shape::Line {
                    line: vec![[117.42, 40.01], [117.40, 40.00]],
                },
            ),
            feature(
                Some("site=S"),
                "station S",
                Some("#1a9850"),
                point(117.40, 40.00),
            ),
        ],
    };
    let hidden = MapLayer {
        label: "another run".into(),
        colour: "#2ca02c".into(),
        dashed: true,
        visible: false,
        features: vec![feature(None, "W", None, point(117.45, 40.02))],
    };
    let data = MapData {
        layers: vec![stations, hidden],
        sites: vec![feature(
            Some("site=V1"),
            HOSTILE_TITLE,
            Some("#ffffff"),
            point(117.42, 40.01),
        )],
        sites_label: "sites".into(),
        sites_below: true,
        tiles: None,
    };
    let dir = out_dir("shared-map");
    let page = dir.join("map.html");
    let html = format!(
        "{}{}{}",
        page_start("map", ""),
        map_html(&data),
        page_end("")
    );
    std::fs::write(&page, html).unwrap();
    let url = format!("file://{}", page.display());
    let profile = dir.join("chromium-profile");
    let dom = run(
        &browser,
        &profile,
        &["--dump-dom"],
        &format!("{url}#site=S"),
    );
    let text = String::from_utf8_lossy(&dom.stdout);
    let console = console_lines(&dom.stderr);
    assert!(
        console.is_empty(),
        "console output:\n{}",
        console.join("\n")
    );
    assert!(
        text.contains("data-ready=\"true\""),
        "the map script did not finish"
    );
    // Line, station and site drawn and clickable, the circle drawn taking no clicks, the hidden
    // layer not drawn; the layer names escaped.
    let paths = text.matches("class=\"leaflet-interactive\"").count();
    assert_eq!(paths, 3, "{paths} interactive paths");
    assert_eq!(
        text.matches("<path ").count(),
        4,
        "line, two markers, circle"
    );
    assert!(text.contains("stations &lt;D=2km&gt;"));
    assert!(
        !text.contains("data-pwned=\""),
        "a hostile title ran as script"
    );
    let popup = &text[text.find("leaflet-popup-content").expect("no popup open")..];
    assert!(popup.contains("station S") && popup.contains("12.5 yuan/day"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// A popup title that would run as script if set as HTML.
const HOSTILE_TITLE: &str = "<img src=x onerror=\"document.body.setAttribute('data-pwned','1')\">";
