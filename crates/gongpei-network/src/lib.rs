//! gongpei-network: see docs/ARCHITECTURE.md (under construction).
