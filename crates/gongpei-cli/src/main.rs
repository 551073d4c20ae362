//! The `gongpei` command line (under construction).
fn main() {}
