/** http://localhost and http://127.0.0.1 are the only origins where cookies may go without Secure. */
export function isLocalHttp(publicUrl: string): boolean {
  const { protocol, hostname } = new URL(publicUrl);
  return protocol === 'http:' && (hostname === 'localhost' || hostname === '127.0.0.1');
}
