// The shipped nginx configuration as the stack runs it: the same file with only its listen address, upstream
// servers and log path pointed at the stack's loopback ports. The settings that must agree with the app are pinned.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { renderEntitleConf, SHIPPED_NGINX_CONF } from '../stack/nginx-server.ts';

const shipped = fs.readFileSync(SHIPPED_NGINX_CONF, 'utf8');

describe('deploy/nginx/entitle.conf', () => {
  it('is rewritten for the stack in exactly three places', () => {
    const conf = renderEntitleConf(shipped, { port: 18080, upstreams: [18091, 18092, 18093], dir: '/tmp/stack' });
    expect(conf).toContain('listen 127.0.0.1:18080;');
    expect(conf.match(/^\s*server 127\.0\.0\.1:\d+ max_fails=2 fail_timeout=5s;$/gm)).toEqual([
      '    server 127.0.0.1:18091 max_fails=2 fail_timeout=5s;',
      '    server 127.0.0.1:18092 max_fails=2 fail_timeout=5s;',
      '    server 127.0.0.1:18093 max_fails=2 fail_timeout=5s;',
    ]);
    expect(conf).toContain('access_log /tmp/stack/nginx-access.log entitle;');
    expect(conf).not.toContain('listen 80;');
  });

  it('refuses a file it cannot point at the stack, naming what is missing', () => {
    expect(() => renderEntitleConf(shipped.replace('listen 80;', 'listen 8080;'), { port: 1, upstreams: [2], dir: '/x' })).toThrow('"listen 80;"');
  });

  it('takes the uploads the app takes, passes X-Request-Id through, and answers for a dead upstream in the API’s shape', () => {
    const bodyMb = Number(/client_max_body_size (\d+)m;/.exec(shipped)?.[1]);
    const appMb = loadConfig({}).upload.maxFileBytes / 2 ** 20;
    // The app's limit plus room for the multipart envelope, and not much more.
    expect(bodyMb).toBeGreaterThan(appMb);
    expect(bodyMb).toBeLessThanOrEqual(appMb + 2);
    expect(shipped).toContain('proxy_set_header X-Request-Id $entitle_request_id;');
    expect(shipped).toMatch(/error_page 502 504 = @entitle_unavailable;/);
    const body = /return 503 '([^']+)'/.exec(shipped)?.[1];
    expect(JSON.parse(body!)).toMatchObject({ error: { code: 'SERVICE_UNAVAILABLE' } });
    // An app 503 (database away) must not mark instances down: only errors and timeouts move a request on.
    expect(shipped).toMatch(/proxy_next_upstream error timeout;/);
  });
});
