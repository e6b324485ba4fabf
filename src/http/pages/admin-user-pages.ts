// Users in the browser, for admins (user.manage): the list (paged, searched by name, filtered by role) with a
// form to create one; a user's page to change the role, disable or enable, reset the password, unlock, and read
// their sign-ins. Every change goes through the account service, as the CLI's do (src/cli/account-commands.ts).
// A new or reset password is shown once, on the answer to the POST itself, never in a URL or a redirect.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.ts';
import type { UserRecord } from '../../accounts/account-store.ts';
import { ROLES, isRole } from '../../accounts/roles.ts';
import type { PageProblems } from './form-problems.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { adminProblems, formText, noStore, roleOptions } from './admin-problems.ts';
import { pagerOf, readListQuery } from './list-view.ts';
import { renderPage } from './page-context.ts';

const text = z.string().max(200).optional();
const ListQuery = z.object({ q: text, page: text, sort: text, role: text });
const UserQuery = z.object({ page: text, done: text });

/** A user's sign-ins a page at a time. */
const HISTORY_PER_PAGE = 20;
const DONE = { role: 'doneRole', disabled: 'doneDisabled', enabled: 'doneEnabled', unlocked: 'doneUnlocked' } as const;

type Done = keyof typeof DONE;

export function adminUserPages(deps: { accounts: AccountService; views: Views }): RouteSpec[] {
  const { accounts, views } = deps;

  async function showList(req: Request, res: Response, extra: Record<string, unknown> = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const list = readListQuery(req.query, { sorts: ['username'] as const, defaultSort: 'username', filters: ['role'] as const });
    const role = list.filters.role && isRole(list.filters.role) ? list.filters.role : undefined;
    const { items, total } = await accounts.pageUsers({ search: list.q || undefined, role, offset: list.offset, limit: list.pageSize });
    renderPage(views, req, res, 'admin-users', 'adminUsers', {
      rows: items,
      list,
      roleFilter: roleOptions(role ?? null, lang),
      newRoles: roleOptions('support', lang),
      pager: pagerOf('/admin/users', list, total),
      filtered: list.q !== '' || role !== undefined,
      tab: 'users',
      ...extra,
    }, status);
  }

  async function showUser(req: Request, res: Response, user: UserRecord, extra: { problems?: PageProblems; form?: string; chosenRole?: string } = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const basePath = `/admin/users/${user.id}`;
    const list = readListQuery(req.query, { sorts: ['newest'] as const, defaultSort: 'newest', filters: [], pageSize: HISTORY_PER_PAGE });
    const [summary, history] = await Promise.all([
      accounts.pageUsers({ id: user.id, offset: 0, limit: 1 }),
      accounts.signInHistory(user.username, { offset: list.offset, limit: list.pageSize }),
    ]);
    const done = typeof req.query.done === 'string' && req.query.done in DONE ? DONE[req.query.done as Done] : null;
    renderPage(views, req, res, 'admin-user', 'adminUsers', {
      user: summary.items[0] ?? { ...user, lastSignInAt: null, locked: false },
      roles: roleOptions(extra.chosenRole ?? user.role, lang),
      history: history.items,
      pager: pagerOf(basePath, list, history.total),
      done,
      problems: extra.problems ?? null,
      failedForm: extra.form ?? null,
      tab: 'users',
    }, status);
  }

  /** Runs an administrator's change and goes back to the user's page, or shows the refusal beside its form. */
  async function changeAndReturn(req: Request, res: Response, form: string, act: (user: UserRecord) => Promise<unknown>, done: Done) {
    const user = await accounts.getUser(idParam(req));
    try {
      await act(user);
    } catch (err) {
      const { status, problems } = adminProblems(err, req.lang ?? 'zh');
      return showUser(req, res, user, { problems, form, chosenRole: formText(req, 'role') || undefined }, status);
    }
    // An admin who just demoted or disabled themselves may no longer open the page they came from.
    const self = req.principal?.name === user.username && (done === 'role' || done === 'disabled');
    res.redirect(303, self ? '/' : `/admin/users/${user.id}?done=${done}`);
  }

  return [
    route({
      method: 'get',
      path: '/admin/users',
      permission: 'user.manage',
      kind: 'page',
      query: ListQuery,
      summary: 'Users: paged, searched by username and filtered by role, with a form to create one',
      handler: (req, res) => showList(req, res),
    }),
    route({
      method: 'post',
      path: '/admin/users',
      permission: 'user.manage',
      kind: 'page',
      summary: 'Create a user with a role; the answer shows their one-time password once',
      successStatus: 201,
      handler: async (req, res) => {
        const username = formText(req, 'username');
        const role = formText(req, 'role');
        try {
          const { user, password } = await accounts.createUserWithOneTimePassword(username, role, actorOf(req));
          noStore(res);
          renderPage(views, req, res, 'admin-secret', 'userCreatedTitle', { kind: 'user', user, secret: password, tab: 'users' }, 201);
        } catch (err) {
          const { status, problems } = adminProblems(err, req.lang ?? 'zh');
          await showList(req, res, { problems, newUsername: username, newRoles: roleOptions(ROLES.find((r) => r === role) ?? null, req.lang ?? 'zh') }, status);
        }
      },
    }),
    route({
      method: 'get',
      path: '/admin/users/:id',
      permission: 'user.manage',
      kind: 'page',
      query: UserQuery,
      summary: 'A user (by id, or by username as the audit log links): role, state, last sign-in, the forms to change them, and their sign-in history (paged)',
      handler: async (req, res) => {
        const raw = String(req.params.id);
        await showUser(req, res, await accounts.getUser(/^\d+$/.test(raw) ? idParam(req) : raw));
      },
    }),
    route({
      method: 'post',
      path: '/admin/users/:id/role',
      permission: 'user.manage',
      kind: 'page',
      summary: 'Change a user’s role (never the last enabled admin’s)',
      handler: (req, res) => changeAndReturn(req, res, 'role', (user) => accounts.changeRole(user.username, formText(req, 'role'), actorOf(req)), 'role'),
    }),
    route({
      method: 'post',
      path: '/admin/users/:id/disable',
      permission: 'user.manage',
      kind: 'page',
      summary: 'Disable a user: no sign-in, sessions end, tokens stop (never the last enabled admin)',
      handler: (req, res) => changeAndReturn(req, res, 'state', (user) => accounts.setDisabled(user.username, true, actorOf(req)), 'disabled'),
    }),
    route({
      method: 'post',
      path: '/admin/users/:id/enable',
      permission: 'user.manage',
      kind: 'page',
      summary: 'Enable a disabled user again',
      handler: (req, res) => changeAndReturn(req, res, 'state', (user) => accounts.setDisabled(user.username, false, actorOf(req)), 'enabled'),
    }),
    route({
      method: 'post',
      path: '/admin/users/:id/unlock',
      permission: 'user.manage',
      kind: 'page',
      summary: 'Forget a user’s failed sign-ins, lifting the throttle',
      handler: (req, res) => changeAndReturn(req, res, 'unlock', (user) => accounts.unlock({ username: user.username }, actorOf(req)), 'unlocked'),
    }),
    route({
      method: 'post',
      path: '/admin/users/:id/reset-password',
      permission: 'user.manage',
      kind: 'page',
      summary: 'Reset a user’s password; the answer shows the one-time password once, to be changed at next sign-in',
      handler: async (req, res) => {
        const user = await accounts.getUser(idParam(req));
        const { password } = await accounts.resetPassword(user.username, actorOf(req));
        noStore(res);
        renderPage(views, req, res, 'admin-secret', 'passwordResetTitle', { kind: 'reset', user, secret: password, tab: 'users' });
      },
    }),
  ];
}
