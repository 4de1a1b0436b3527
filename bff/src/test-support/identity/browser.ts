/**
 * A browser without a browser: fetch with redirects followed by hand (so each hop can be checked or
 * tampered with), and a cookie jar per origin that honours Max-Age / Expires deletions.
 */
export class TestBrowser {
  readonly #jar = new Map<string, Map<string, string>>();

  async request(url: string, init: RequestInit = {}): Promise<Response> {
    const target = new URL(url);
    const headers = new Headers(init.headers);
    const cookies = this.cookieHeader(target.origin);
    if (cookies) headers.set('cookie', cookies);
    const response = await fetch(target, { ...init, headers, redirect: 'manual' });
    this.#store(target.origin, response.headers.getSetCookie());
    return response;
  }

  /** Follows redirects from `url` until a non-redirect, or until `stopAt` says to stop at a hop. */
  async follow(
    url: string,
    stopAt: (next: URL) => boolean = () => false,
    init: RequestInit = {},
  ): Promise<{ response: Response; url: URL }> {
    let current = new URL(url);
    let response = await this.request(current.href, init);
    for (let hops = 0; hops < 20 && response.status >= 300 && response.status < 400; hops++) {
      const location = response.headers.get('location');
      if (!location) break;
      const next = new URL(location, current);
      if (stopAt(next)) return { response, url: next };
      current = next;
      await response.body?.cancel();
      response = await this.request(current.href);
    }
    return { response, url: current };
  }

  cookie(origin: string, name: string): string | undefined {
    return this.#jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const cookies = this.#jar.get(origin) ?? new Map<string, string>();
    cookies.set(name, value);
    this.#jar.set(origin, cookies);
  }

  cookieHeader(origin: string): string {
    return [...(this.#jar.get(origin) ?? new Map<string, string>())]
      .map(([name, value]) => `${name}=${value}`)
      .join('; ');
  }

  #store(origin: string, setCookies: string[]): void {
    const cookies = this.#jar.get(origin) ?? new Map<string, string>();
    for (const line of setCookies) {
      const [pair = '', ...attributes] = line.split(';').map((part) => part.trim());
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      const expired = attributes.some((attribute) => {
        const [key = '', val = ''] = attribute.split('=');
        if (key.toLowerCase() === 'max-age') return Number(val) <= 0;
        if (key.toLowerCase() === 'expires') return new Date(val).getTime() <= Date.now();
        return false;
      });
      if (expired || value === '') cookies.delete(name);
      else cookies.set(name, value);
    }
    this.#jar.set(origin, cookies);
  }
}
