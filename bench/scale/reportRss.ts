import { writeFileSync } from 'node:fs';

/** Preloaded (`node --require`) into a measured process: writes its peak RSS in KB to $YOUOPS_BENCH_RSS_FILE on exit. */
const target = process.env.YOUOPS_BENCH_RSS_FILE;
if (target) process.on('exit', () => writeFileSync(target, String(process.resourceUsage().maxRSS)));
