//! Fuzzes the Solomon / Gehring-Homberger VRPTW reader, under both rounding conventions (first byte): any bytes give an instance the checker
//! and the engine agree on, or an error naming the file and a line of it; never a panic.
#![no_main]

use gongpei_fuzz::read_instance_and_check;
use gongpei_io::{Format, ReadOptions, Rounding};
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
    read_instance_and_check(rest, Format::Solomon, &ReadOptions {
        solomon_rounding,
        ..ReadOptions::default()
    });
});
