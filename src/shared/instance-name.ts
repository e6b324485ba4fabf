// Names this process in job runs and outbox leases: the host and pid for people, a random part for uniqueness.
import { randomBytes } from 'node:crypto';
import os from 'node:os';

export function serverInstanceName(): string {
  return `${os.hostname().slice(0, 60)}:${process.pid}:${randomBytes(3).toString('hex')}`;
}
