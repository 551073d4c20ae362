//! Fuzzes the Solomon / Gehring-Homberger VRPTW reader, under both rounding conventions (first byte): any bytes give an instance the checker
//! and the engine agree on, or an error naming the file and a line of it; never a panic.
#![no_main]

use gongpei_fuzz::{assert_instance_consistent, assert_io_error_contract, FILE};
use gongpei_io::{read_instance_str_as, Format, ReadOptions, Rounding};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let Some((&first, rest)) = bytes.split_first() else {
        return;
    };
    let solomon_rounding = if first % 2 == 0 {
        Rounding::TruncatedOneDecimal
    } else {
        Rounding::Exact
    };
    let options = ReadOptions { solomon_rounding };
    // Files are read as `Text::read` does: invalid UTF-8 replaced, then reported where it breaks.
    let text = String::from_utf8_lossy(rest);
    match read_instance_str_as(FILE, &text, Format::Solomon, &options) {
        Ok(instance) => assert_instance_consistent(&instance),
        Err(err) => assert_io_error_contract(&text, &err),
    }
});
