import { useApp } from './fixture';

const app = useApp();

test('the production build starts under its CSP with libsodium initialised and no errors', async () => {
  const { page, problems } = await app.open();
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(await page.getByTestId('boot').textContent()).toBe('ready 22');
  expect(problems.errors).toEqual([]);
});
