//! The README's table reference is generated from the column specs: this test fails (and
//! prints the text to paste) when they drift apart. Regenerate with
//! `GONGPEI_WRITE_README=1 cargo test -p gongpei-scenario --test tables_readme`.

const BEGIN: &str =
    "<!-- tables:begin (generated from src/tables/catalog.rs; see tests/suite/tables_readme.rs) -->\n";
const END: &str = "<!-- tables:end -->";

#[test]
fn readme_lists_every_table_and_column_of_the_spec() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let start = readme
        .find(BEGIN)
        .expect("README has the tables:begin marker")
        + BEGIN.len();
    let end = readme[start..]
        .find(END)
        .expect("README has the tables:end marker")
        + start;
    let wanted = gongpei_scenario::tables::tables_markdown();
    if readme[start..end] != wanted {
        if std::env::var_os("GONGPEI_WRITE_README").is_some() {
            let updated = format!("{}{}{}", &readme[..start], wanted, &readme[end..]);
            std::fs::write(&path, updated).unwrap();
        } else {
            panic!("README table reference is out of date; regenerate with GONGPEI_WRITE_README=1 or paste:\n{wanted}");
        }
    }
}
