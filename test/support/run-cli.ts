// Runs the real `entitle` binary in a child process, as a person or a script would.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { refuseInUnitProject } from './test-project.ts';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

const BIN = path.resolve('bin/entitle.js');

export function runCli(args: string[], env: Record<string, string>, options: { input?: string } = {}): Promise<CliResult> {
  refuseInUnitProject('the CLI in a child process');
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, LOG_LEVEL: 'warn', ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout: stdout.toString(), stderr: stderr.toString() });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}
