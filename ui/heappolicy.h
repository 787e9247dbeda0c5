#pragma once

namespace ks {

// Keeps the memory of freed images inside the process for the next render, instead of handing
// it back to the system. The editor renders a new full-size result (96 MB at 24 MP) on every
// change; glibc serves blocks that large with a fresh mmap each time, so every render paid for
// tens of thousands of page faults that zero the pages again: on this project's VM that cost
// more CPU than the filter itself (bench_preview, sigma 10 on 6000x4000: 309k page faults and
// 9.3 s CPU over the run, 212k and 6.5 s with this policy). An editor keeps its peak anyway.
// Call once at start-up, before any thread allocates. Does nothing outside glibc.
void keepFreedImageMemory();

} // namespace ks
