"""Performance benchmarks (`python -m bench.perf`): throughput, latency and memory."""
