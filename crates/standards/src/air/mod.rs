//! Air quality: HJ 633 (AQI), GB 3095 (limits, validity), HJ 663 (assessment statistics).
