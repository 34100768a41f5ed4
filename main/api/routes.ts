import { API_PREFIX, ErrorCode, type ApiModule } from '../../core';

export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly names: readonly string[];
  readonly operation: string;
}

/** An API's operations as HTTP routes: each path under the prefix, its {name} placeholders one segment each. */
export function routesOf(api: ApiModule): Route[] {
  return Object.entries(api).map(([operation, spec]) => {
    const names: string[] = [];
    // Escape everything but the {name} placeholders, which become path segments.
    const source = (API_PREFIX + spec.path).replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_m, n: string) => {
      names.push(n);
      return '([^/]+)';
    });
    return { method: spec.method, pattern: new RegExp(`^${source}$`), names, operation };
  });
}

/** The route a request takes, its path parameters decoded; or why there is none (404, 405, 400). */
export function matchRoute(table: readonly Route[], method: string, pathname: string):
  | { readonly ok: true; readonly route: Route; readonly params: Record<string, string> }
  | { readonly ok: false; readonly status: 400 | 404 | 405; readonly code: string; readonly message: string } {
  const route = table.find((r) => r.pattern.test(pathname) && r.method === method);
  if (!route) {
    const other = table.find((r) => r.pattern.test(pathname));
    return other
      ? { ok: false, status: 405, code: 'method_not_allowed', message: `Use ${other.method} for ${pathname}.` }
      : { ok: false, status: 404, code: ErrorCode.notFound, message: `No API at ${pathname}. See ${API_PREFIX}/openapi.json.` };
  }
  const match = route.pattern.exec(pathname);
  const params: Record<string, string> = {};
  try {
    route.names.forEach((n, i) => (params[n] = decodeURIComponent(match?.[i + 1] ?? '')));
  } catch {
    return { ok: false, status: 400, code: ErrorCode.validation, message: `The address ${pathname} has a broken percent-encoding (%XX).` };
  }
  return { ok: true, route, params };
}
