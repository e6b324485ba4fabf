// Debian's nginx in front of the stack, running deploy/nginx/entitle.conf itself: only its listen address, its
// upstream servers and its log path are rewritten for loopback ports, so what is measured is what is shipped.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';

export const SHIPPED_NGINX_CONF = path.resolve('deploy/nginx/entitle.conf');
const NGINX = '/usr/sbin/nginx';

export interface NginxServer {
  url: string;
  pid(): number | null;
  stop(): Promise<void>;
}

function replaceOnce(text: string, pattern: RegExp, replacement: (match: string, ...groups: string[]) => string, what: string): string {
  if (!pattern.test(text)) throw new Error(`deploy/nginx/entitle.conf has no ${what}: the stack cannot point it at its own ports`);
  return text.replace(pattern, replacement);
}

/** The shipped server block with the stack's ports and paths. */
export function renderEntitleConf(shipped: string, options: { port: number; upstreams: readonly number[]; dir: string }): string {
  let conf = replaceOnce(shipped, /^(\s*)listen 80;$/m, (_m, indent) => `${indent}listen 127.0.0.1:${options.port};`, '"listen 80;"');
  const servers = /^(\s*)server 127\.0\.0\.1:\d+ (max_fails=[^;]+);\n(?:\s*server 127\.0\.0\.1:\d+ max_fails=[^;]+;\n)*/m;
  conf = replaceOnce(conf, servers, (_m, indent, tail) => options.upstreams.map((p) => `${indent}server 127.0.0.1:${p} ${tail};\n`).join(''), 'upstream server lines');
  return replaceOnce(conf, /access_log \/var\/log\/nginx\/entitle\.access\.log/, () => `access_log ${path.join(options.dir, 'nginx-access.log')}`, 'access_log line');
}

function mainConf(dir: string): string {
  const tmp = (name: string) => path.join(dir, 'nginx-tmp', name);
  return [
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 2;',
    `pid ${path.join(dir, 'nginx.pid')};`,
    `error_log ${path.join(dir, 'nginx-error.log')} warn;`,
    'daemon off;',
    'events { worker_connections 2048; }',
    'http {',
    `  client_body_temp_path ${tmp('body')};`,
    `  proxy_temp_path ${tmp('proxy')};`,
    `  fastcgi_temp_path ${tmp('fastcgi')};`,
    `  uwsgi_temp_path ${tmp('uwsgi')};`,
    `  scgi_temp_path ${tmp('scgi')};`,
    `  include ${path.join(dir, 'entitle.conf')};`,
    '}',
    '',
  ].join('\n');
}

export async function startNginx(options: { dir: string; port: number; upstreams: readonly number[]; log: (line: string) => void }): Promise<NginxServer> {
  if (!fs.existsSync(NGINX)) throw new Error(`${NGINX} is missing: apt-get install -y nginx`);
  fs.mkdirSync(path.join(options.dir, 'nginx-tmp'), { recursive: true });
  fs.writeFileSync(path.join(options.dir, 'entitle.conf'), renderEntitleConf(fs.readFileSync(SHIPPED_NGINX_CONF, 'utf8'), options));
  const confFile = path.join(options.dir, 'nginx.conf');
  fs.writeFileSync(confFile, mainConf(options.dir));
  const errors = path.join(options.dir, 'nginx-error.log');
  const child: ChildProcess = spawn(NGINX, ['-p', options.dir, '-c', confFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 15_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}:\n${stderr}`);
    const up = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host: '127.0.0.1', port: options.port });
      s.once('connect', () => (s.destroy(), resolve(true)));
      s.once('error', () => resolve(false));
    });
    if (up) break;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${options.port} within 15 s; see ${errors}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  options.log(`nginx    pid ${child.pid} on http://127.0.0.1:${options.port} → ${options.upstreams.join(', ')}`);
  return {
    url: `http://127.0.0.1:${options.port}`,
    pid: () => (child.exitCode === null && child.signalCode === null ? (child.pid ?? null) : null),
    async stop() {
      if (child.exitCode !== null) return;
      // SIGQUIT: a graceful stop (workers finish their requests); the master takes its workers with it.
      child.kill('SIGQUIT');
      await exited;
      options.log(`nginx    pid ${child.pid} stopped`);
    },
  };
}
