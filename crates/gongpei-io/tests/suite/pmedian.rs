//! OR-Library p-median reader: the bundled files against an independent Floyd-Warshall, the
//! last-duplicate-wins convention, and malformed files named by file and line.

use std::path::PathBuf;

use gongpei_io::{read_bks_of_file, read_pmedian, read_pmedian_str};

fn bundled(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../data/pmedian")
        .join(name)
}

/// All-pairs shortest paths by Floyd-Warshall straight from the edge lines (last cost wins).
fn floyd(text: &str) -> (usize, Vec<i64>) {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let head: Vec<usize> = lines
        .next()
        .unwrap()
        .split_whitespace()
        .map(|t| t.parse().unwrap())
        .collect();
    let n = head[0];
    let inf = i64::MAX / 4;
    let mut edge = vec![None; n * n];
    for line in lines {
        let t: Vec<i64> = line
            .split_whitespace()
            .map(|t| t.parse().unwrap())
            .collect();
        let (a, b) = (t[0] as usize - 1, t[1] as usize - 1);
        edge[a * n + b] = Some(t[2]);
        edge[b * n + a] = Some(t[2]);
    }
    let mut d: Vec<i64> = (0..n * n)
        .map(|k| {
            if k / n == k % n {
                0
            } else {
                edge[k].unwrap_or(inf)
            }
        })
        .collect();
    for k in 0..n {
        for i in 0..n {
            for j in 0..n {
                let via = d[i * n + k] + d[k * n + j];
                if via < d[i * n + j] {
                    d[i * n + j] = via;
                }
            }
        }
    }
    (n, d)
}

#[test]
fn bundled_files_match_floyd_warshall() {
    for name in ["pmed1.txt", "pmed6.txt"] {
        let path = bundled(name);
        let inst = read_pmedian(&path).unwrap();
        let (n, d) = floyd(&std::fs::read_to_string(&path).unwrap());
        assert_eq!(inst.vertices, n);
        assert_eq!(inst.distances, d, "{name}");
        assert_eq!(inst.p, 5);
    }
    let inst = read_pmedian(bundled("pmed6.txt")).unwrap();
    assert_eq!(
        (inst.name.as_str(), inst.vertices, inst.edge_lines),
        ("pmed6", 200, 800)
    );
    assert_eq!(
        read_bks_of_file(&bundled("pmed1.txt")).unwrap(),
        Some(5819.0)
    );
    assert_eq!(
        read_bks_of_file(&bundled("pmed6.txt")).unwrap(),
        Some(7824.0)
    );
}

#[test]
fn last_duplicate_edge_wins() {
    // 1-2 first costs 1, then 10: the path through 3 (2 + 2) is now shorter than the edge.
    let inst = read_pmedian_str("dup.txt", "3 4 1\n1 2 1\n1 3 2\n3 2 2\n2 1 10\n").unwrap();
    assert_eq!(inst.distance(0, 1), 4);
    assert_eq!(inst.distance(1, 0), 4);
    let inst = read_pmedian_str("dup.txt", "3 4 1\n1 2 10\n1 3 2\n3 2 2\n2 1 1\n").unwrap();
    assert_eq!(inst.distance(0, 1), 1);
}

#[test]
fn malformed_files_name_file_and_line() {
    let cases = [
        ("", "bad.txt: whole file: empty file"),
        (
            "3 2\n",
            "bad.txt:1: expected `n edges p` (3 numbers), found 2 fields",
        ),
        (
            "3 2 4\n1 2 1\n2 3 1\n",
            "bad.txt:1: p = 4 must be between 1 and n = 3",
        ),
        (
            "3 2 1\n1 2 1\n2 3\n",
            "bad.txt:3: expected an edge `i j cost` (3 numbers), found 2 fields",
        ),
        (
            "3 2 1\n1 2 1\n2 0 1\n",
            "bad.txt:3: edge endpoint 0 is not a vertex (1..=3)",
        ),
        (
            "3 2 1\n1 2 x\n2 3 1\n",
            "bad.txt:2: edge cost: expected an integer, found `x`",
        ),
        (
            "3 2 1\n1 2 -4\n2 3 1\n",
            "bad.txt:2: edge cost -4 is negative",
        ),
        // Found by fuzzing (fuzz/): these named the whole file instead of the header line.
        (
            "3 3 1\n1 2 1\n2 3 1\n",
            "bad.txt:1: the header announces 3 edges, the file has 2",
        ),
        (
            "4 3 1\n1 2 1\n2 3 1\n1 3 5\n",
            "bad.txt:1: the graph is disconnected: vertex 4 cannot be reached from vertex 1",
        ),
        // Fewer edges than a connected graph needs: refused before the n x n table exists (a
        // header announcing 10^9 vertices allocated 8 EB, an abort).
        (
            "4 2 1\n1 2 1\n2 3 1\n",
            "bad.txt:1: the graph is disconnected: 4 vertices need at least 3 distinct edges, the file has 2",
        ),
        ("1000000000 0 1\n", "bad.txt:1: 1000000000 vertices: "),
        // Costs whose path sums overflowed (a panic with overflow checks, a wrong distance without).
        (
            "3 2 1\n1 2 9223372036854775807\n2 3 1\n",
            "bad.txt:2: edge cost 9223372036854775807 is too large",
        ),
    ];
    for (text, expected) in cases {
        let e = read_pmedian_str("bad.txt", text).unwrap_err();
        assert!(e.to_string().starts_with(expected), "{text:?}: got `{e}`");
    }
    let e = read_pmedian(bundled("no-such-file.txt")).unwrap_err();
    assert!(e.to_string().contains("no-such-file.txt"), "{e}");
}
