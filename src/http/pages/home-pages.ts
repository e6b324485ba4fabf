// GET /: the home (工作台) of whoever is signed in, their role's sections (src/home/home-service.ts); anyone else
// goes to the sign-in page. Every figure on it is a link to the filtered list behind it.
import { serviceName } from '../../catalog/catalog-names.ts';
import type { HomeService } from '../../home/home-service.ts';
import { readinessMessage } from '../../holidays/holiday-readiness.ts';
import { principalOf } from '../request-helpers.ts';
import { route, type RouteSpec } from '../route-table.ts';
import type { Views } from '../views.ts';
import { renderPage } from './page-context.ts';

export function homePages(deps: { home: HomeService; views: Views }): RouteSpec[] {
  return [
    route({
      method: 'get',
      path: '/',
      permission: null,
      kind: 'page',
      summary: 'The home of the person signed in (工作台): their role’s figures, each linking to its list; anyone else is sent to sign in',
      handler: async (req, res) => {
        if (!req.principal) return res.redirect(303, '/sign-in');
        // Public as a route (it is where strangers are turned to the sign-in page), so the first-password rule the
        // other pages get from authorize() is applied here.
        if (req.principal.mustChangePassword) return res.redirect(303, '/account/password');
        const me = principalOf(req);
        const lang = req.lang ?? 'zh';
        const view = await deps.home.forUser({ name: me.name, role: me.role });
        const support = view.support && { ...view.support, next: view.support.next.map((r) => ({ ...r, serviceName: serviceName(r.service, lang) })) };
        const holidays = view.admin && { ...view.admin.holidays, message: readinessMessage(view.admin.holidays)?.[lang] ?? null, covered: view.admin.holidays.years.filter((y) => y.covered).map((y) => y.year).join('、') };
        renderPage(deps.views, req, res, 'home', 'home', { home: { ...view, support, admin: view.admin && { ...view.admin, holidays } }, me: me.name });
      },
    }),
  ];
}
