// API tokens in the browser, for admins (token.manage): the list, newest first and paged, with each token's owner,
// role, state and last use, a form to create one (the secret shown once, on the answer to the POST), and revoking.
// The account service does the work, as for `entitle token …`.
import type { Request, Response } from 'express';
import { z } from 'zod';
import type { AccountService } from '../../accounts/account-service.ts';
import type { TokenRecord } from '../../accounts/account-store.ts';
import { ROLE_NAMES } from '../../accounts/roles.ts';
import { HttpError } from '../http-error.ts';
import { actorOf, idParam } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { adminProblems, formText, noStore, roleOptions } from './admin-problems.ts';
import { pagerOf, readListQuery } from './list-view.ts';
import { renderPage } from './page-context.ts';

const text = z.string().max(200).optional();
const ListQuery = z.object({ page: text, sort: text, owner: text, done: text });

/** Enough for a company's people in one select; more would want a search, which no deployment needs yet. */
const OWNER_CHOICES = 500;

function stateOf(token: TokenRecord): 'revoked' | 'owner_disabled' | 'active' {
  if (token.revokedAt) return 'revoked';
  if (token.ownerId !== null && (!token.owner || token.owner.disabled)) return 'owner_disabled';
  return 'active';
}

export function adminTokenPages(deps: { accounts: AccountService; views: Views }): RouteSpec[] {
  const { accounts, views } = deps;

  async function showList(req: Request, res: Response, form: { owner?: string; role?: string; name?: string } = {}, extra: Record<string, unknown> = {}, status = 200) {
    const lang = req.lang ?? 'zh';
    const list = readListQuery(req.query, { sorts: ['newest'] as const, defaultSort: 'newest', filters: [] });
    const [{ items, total }, users] = await Promise.all([
      accounts.pageTokens({ offset: list.offset, limit: list.pageSize }),
      accounts.pageUsers({ offset: 0, limit: OWNER_CHOICES }),
    ]);
    const owner = form.owner ?? (typeof req.query.owner === 'string' ? req.query.owner : '');
    const owners = users.items.filter((u) => !u.disabled).map((u) => ({ value: u.username, text: `${u.username}(${ROLE_NAMES[u.role][lang]})`, selected: u.username === owner }));
    const done = req.query.done === 'revoked' ? 'tokenRevokedDone' : req.query.done === 'already' ? 'tokenAlreadyRevoked' : null;
    renderPage(views, req, res, 'admin-tokens', 'adminTokens', {
      rows: items.map((t) => ({ ...t, state: stateOf(t) })),
      owners,
      roles: roleOptions(form.role ?? null, lang),
      ownRoleSelected: !form.role,
      name: form.name ?? '',
      pager: pagerOf('/admin/tokens', list, total),
      done,
      tab: 'tokens',
      ...extra,
    }, status);
  }

  return [
    route({
      method: 'get',
      path: '/admin/tokens',
      permission: 'token.manage',
      kind: 'page',
      query: ListQuery,
      summary: 'API tokens, newest first and paged, with owner, role, state and last use, and a form to create one',
      handler: (req, res) => showList(req, res),
    }),
    route({
      method: 'post',
      path: '/admin/tokens',
      permission: 'token.manage',
      kind: 'page',
      summary: 'Create an API token for a person, with a label and a role within theirs; the answer shows it once',
      successStatus: 201,
      handler: async (req, res) => {
        const form = { owner: formText(req, 'owner'), role: formText(req, 'role'), name: formText(req, 'name').slice(0, 100) };
        try {
          // A form sent without an owner is incomplete, not a request about a user who does not exist.
          if (!form.owner) throw new HttpError(400, 'VALIDATION_FAILED', '请选择归属用户', 'Choose the owner', [{ field: 'user', message: 'Choose the owner', messageZh: '请选择归属用户' }]);
          const { token, record } = await accounts.createToken({ owner: form.owner, role: form.role || undefined, name: form.name }, actorOf(req));
          noStore(res);
          renderPage(views, req, res, 'admin-secret', 'tokenCreatedTitle', { kind: 'token', token: record, secret: token, tab: 'tokens' }, 201);
        } catch (err) {
          const { status, problems } = adminProblems(err, req.lang ?? 'zh');
          await showList(req, res, form, { problems }, status);
        }
      },
    }),
    route({
      method: 'post',
      path: '/admin/tokens/:id/revoke',
      permission: 'token.manage',
      kind: 'page',
      summary: 'Revoke an API token (revoking one already revoked changes nothing)',
      handler: async (req, res) => {
        const token = await accounts.getToken(idParam(req));
        if (token.revokedAt) return res.redirect(303, '/admin/tokens?done=already');
        await accounts.revokeToken(token.id, actorOf(req));
        res.redirect(303, '/admin/tokens?done=revoked');
      },
    }),
  ];
}
