// Drives the machine's Chromium through playwright-core for the browser tests.
//
//   node browse.mjs consent <authorizeUrl> <handle> <returnPort>
//       Serves a partner's landing page on 127.0.0.1:<returnPort>, opens the consent page, reads the handle field
//       and the requested scopes, types the handle, clicks Approve and waits to land back on the partner's page.
//   node browse.mjs swagger <swaggerUrl>
//       Opens Swagger UI and lists the operations it renders.
//
// Prints one JSON object on stdout. Environment: LAYERS_NODE_MODULES (where playwright-core is installed),
// LAYERS_CHROMIUM (the Chromium binary).
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(join(process.env.LAYERS_NODE_MODULES ?? '', 'noop.js'));
const { chromium } = require('playwright-core');

// Closed network: nothing may try to reach the outside (see the machine notes).
const flags = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const timeout = 30_000;

async function withPage(run) {
  const browser = await chromium.launch({ executablePath: process.env.LAYERS_CHROMIUM, headless: true, args: flags, timeout });
  try {
    const page = await browser.newPage();
    page.setDefaultTimeout(timeout);
    return await run(page);
  } finally {
    await browser.close();
  }
}

async function consent(authorizeUrl, handle, returnPort) {
  const landing = createServer((request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end('<!DOCTYPE html><title>Connected</title><h1 id="landed">Connected</h1>');
  });
  await new Promise(resolve => landing.listen(Number(returnPort), '127.0.0.1', resolve));
  try {
    return await withPage(async page => {
      const consentPage = await page.goto(authorizeUrl);
      const title = await page.title();
      const handleField = page.locator('#handle');
      await handleField.waitFor({ state: 'visible' });
      const handleLabel = (await page.locator('label[for="handle"]').textContent())?.trim();
      const scopes = (await page.locator('#scopes li.scope').allTextContents()).map(s => s.trim());
      const checked = await page.locator('#scopes input[type="checkbox"]:checked').count();
      await handleField.fill(handle);
      await Promise.all([
        page.waitForURL(url => url.port === String(returnPort), { waitUntil: 'load' }),
        page.click('#approve'),
      ]);
      const landed = await page.locator('#landed').textContent();
      return { status: consentPage?.status(), title, handleLabel, scopes, checked, finalUrl: page.url(), landed };
    });
  } finally {
    landing.close();
  }
}

async function swagger(url) {
  return withPage(async page => {
    const response = await page.goto(url);
    await page.locator('.opblock').first().waitFor({ state: 'visible' });
    const operations = await page.locator('.opblock').evaluateAll(blocks => blocks.map(block => ({
      method: block.querySelector('.opblock-summary-method')?.textContent?.trim(),
      path: block.querySelector('.opblock-summary-path')?.getAttribute('data-path'),
    })));
    return { status: response?.status(), title: await page.title(), operations };
  });
}

const [command, ...args] = process.argv.slice(2);
const commands = { consent, swagger };
if (!commands[command]) {
  console.error(`unknown command ${command}; use consent or swagger`);
  process.exit(2);
}

try {
  console.log(JSON.stringify(await commands[command](...args)));
} catch (error) {
  console.error(error?.stack ?? String(error));
  process.exit(1);
}
