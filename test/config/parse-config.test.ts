// The parse pool's settings: defaults, values, and refusals that name the variable.
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.ts';

describe('PARSE_* settings', () => {
  it('default to two threads, eight waiting, 384 MB of heap each and 30 s a file', () => {
    expect(loadConfig({}, '/srv').parse).toEqual({ workers: 2, queue: 8, heapMb: 384, timeoutMs: 30_000 });
  });

  it('take what is set; a queue of 0 refuses whatever finds every thread busy', () => {
    expect(loadConfig({ PARSE_WORKERS: '4', PARSE_QUEUE: '0', PARSE_HEAP_MB: '1024', PARSE_TIMEOUT_S: '2.5' }, '/srv').parse).toEqual({ workers: 4, queue: 0, heapMb: 1024, timeoutMs: 2500 });
  });

  it.each([
    ['PARSE_WORKERS', '0'],
    ['PARSE_WORKERS', 'two'],
    ['PARSE_QUEUE', '-1'],
    ['PARSE_HEAP_MB', '32'],
    ['PARSE_TIMEOUT_S', '0'],
  ])('refuses %s=%s, naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value }, '/srv')).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value }, '/srv')).toThrow(new RegExp(`invalid ${name}`));
  });
});
