# CMake toolchain file that cmake-rs hands to HiGHS's build (the `highs-sys` crate, through
# gongpei-locate): compile HiGHS as a unity build, which halves its C++ compile time on
# two cores (measured: 482 s of CPU instead of 983 s). Set from .cargo/config.toml.
set(CMAKE_UNITY_BUILD ON CACHE BOOL "Unity build of HiGHS (CI time)")
