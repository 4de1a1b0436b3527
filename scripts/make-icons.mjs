// Renders the app icons (any + maskable) from SVG with Chromium. Run once after changing the artwork:
//   node scripts/make-icons.mjs
// The PNGs are committed; the build does not need Chromium.
import { chromium } from '@playwright/test';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// A white calendar with a cross on NHS blue. Maskable icons keep their artwork inside the central 80 % circle.
const art = (scale) => `
  <g transform="translate(256 256) scale(${scale}) translate(-256 -256)">
    <rect x="136" y="150" width="240" height="220" rx="24" fill="#fff"/>
    <rect x="136" y="150" width="240" height="56" rx="24" fill="#fff"/>
    <rect x="176" y="120" width="24" height="60" rx="12" fill="#fff"/>
    <rect x="312" y="120" width="24" height="60" rx="12" fill="#fff"/>
    <rect x="152" y="214" width="208" height="6" fill="#005eb8"/>
    <rect x="238" y="240" width="36" height="108" fill="#005eb8"/>
    <rect x="202" y="276" width="108" height="36" fill="#005eb8"/>
  </g>`;
const svg = (
  maskable,
) => `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">
  <rect width="512" height="512" ${maskable ? '' : 'rx="96"'} fill="#005eb8"/>${art(maskable ? 0.8 : 1)}</svg>`;

const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
const page = await browser.newPage();
for (const [name, maskable, size] of [
  ['icon-192.png', false, 192],
  ['icon-512.png', false, 512],
  ['maskable-512.png', true, 512],
  ['apple-touch-icon.png', true, 180],
]) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(
    `<html><body style="margin:0;background:transparent">${svg(maskable).replace('width="512" height="512"', `width="${size}" height="${size}"`)}</body></html>`,
  );
  await page.screenshot({
    path: `web/public/icons/${name}`,
    omitBackground: true,
    clip: { x: 0, y: 0, width: size, height: size },
  });
}
await browser.close();
