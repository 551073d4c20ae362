//! Fuzzes the VRPLIB / CVRPLIB `.vrp` reader (EUC_2D, EXACT_2D, explicit matrices): any bytes give an instance the checker
//! and the engine agree on, or an error naming the file and a line of it; never a panic.
#![no_main]

use gongpei_fuzz::read_instance_and_check;
use gongpei_io::{Format, ReadOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    read_instance_and_check(bytes, Format::Vrplib, &ReadOptions::default());
});
