//! 预警与通报 — warnings, water alerts, the inbox, outbound hooks, eco-compensation (issue 9).
