/**
 * `npm run host [-- --port 8080] [--lan-host 127.0.0.1]`: builds the renderer (npm script), then
 * serves it with the browser host and prints the URL to open (it holds this start's token).
 */
import path from 'node:path';
import { startBrowserHost } from './host';

function argument(name: string): string | undefined {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
}

async function main(): Promise<void> {
  const port = Number(argument('--port') ?? 0);
  const lanHost = argument('--lan-host');
  const host = await startBrowserHost({
    rendererRoot: path.join(__dirname, '..', '..', 'dist', 'renderer'),
    port,
    ...(lanHost !== undefined && { network: { lanHost } }),
  });
  console.log(`Sealed Roster browser host (development and tests only)`);
  console.log(`  open:        ${host.url}`);
  console.log(`  saved files: ${host.files.saveDir} (deleted when the host stops)`);
  const stop = (): void => void host.close().finally(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error('the browser host could not start:', error);
  process.exit(1);
});
