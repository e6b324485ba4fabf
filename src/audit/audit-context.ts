// How a person acted, when it was not in their own browser session: "token:12" for an API token. The HTTP
// edge runs each route's handler inside this context, and the audit log adds it to every entry recorded
// there. Threading the token through every use case's signature would tie them all to the HTTP layer for
// one column; the person (the actor) is still passed explicitly, as before.
import { AsyncLocalStorage } from 'node:async_hooks';

const context = new AsyncLocalStorage<{ via: string }>();

export function runVia<T>(via: string, fn: () => T): T {
  return context.run({ via }, fn);
}

/** The channel of the action being recorded, or null (a session, the CLI, a scheduled job). */
export function currentVia(): string | null {
  return context.getStore()?.via ?? null;
}
