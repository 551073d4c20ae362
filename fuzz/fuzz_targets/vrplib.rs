//! Fuzzes the VRPLIB / CVRPLIB `.vrp` reader (EUC_2D, EXACT_2D, explicit matrices): any bytes give an instance the checker
//! and the engine agree on, or an error naming the file and a line of it; never a panic.
#![no_main]

use gongpei_fuzz::{assert_instance_consistent, assert_io_error_contract, FILE};
use gongpei_io::{read_instance_str_as, Format, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let options = ReadOptions::default();
    // Files are read as `Text::read` does: invalid UTF-8 replaced, then reported where it breaks.
    let text = String::from_utf8_lossy(bytes);
    match read_instance_str_as(FILE, &text, Format::Vrplib, &options) {
        Ok(instance) => assert_instance_consistent(&instance),
        Err(err) => assert_io_error_contract(&text, &err),
    }
});
