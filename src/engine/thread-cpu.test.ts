import { describe, expect, it } from 'vitest';
import { cpuMsFromStat, threadCpuMs } from './thread-cpu';

describe('cpuMsFromStat', () => {
  // A real line's shape, with a command name holding a space and a parenthesis.
  const line = '4242 (node (main) x) S 1 4242 4242 0 -1 4194304 1000 0 0 0 150 25 300 40 20 0 12 0 100 1 1 18446744073709551615';

  it('reads this thread\'s user + system time', () => {
    expect(cpuMsFromStat(line)).toBe(1750);
  });

  it('reads the waited-for children\'s user + system time', () => {
    expect(cpuMsFromStat(line, true)).toBe(3400);
  });

  it('measures the calling thread on Linux', () => {
    const ms = threadCpuMs();
    if (process.platform === 'linux') expect(ms).toBeGreaterThanOrEqual(0);
    else expect(ms).toBeNull();
  });
});
