/** Page URLs of the mini program (`/pages/x/index?id=1`, `../detail?id=1`) → route and query. */
export function parseUrl(
  url: string,
  from: string | undefined,
): { route: string; query: Record<string, string> } {
  const [pathPart = '', search = ''] = url.split('?');
  let route: string;
  if (pathPart.startsWith('/')) route = pathPart.slice(1);
  else {
    const base = (from ?? '').split('/').slice(0, -1);
    for (const part of pathPart.split('/')) {
      if (part === '..') base.pop();
      else if (part !== '.' && part !== '') base.push(part);
    }
    route = base.join('/');
  }
  const query: Record<string, string> = {};
  for (const pair of search.split('&')) {
    if (!pair) continue;
    const at = pair.indexOf('=');
    const k = at < 0 ? pair : pair.slice(0, at);
    const v = at < 0 ? '' : pair.slice(at + 1);
    try {
      query[decodeURIComponent(k)] = decodeURIComponent(v);
    } catch {
      query[k] = v;
    }
  }
  return { route: route.replace(/\.html$/, ''), query };
}
