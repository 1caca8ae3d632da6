import { createRoot } from 'react-dom/client';
import { initCrypto, randomId } from '../shared/crypto';

async function start(): Promise<void> {
  await initCrypto();
  const root = document.getElementById('root');
  if (!root) return;
  createRoot(root).render(
    <p data-app-ready="" data-testid="boot">
      ready {randomId().length}
    </p>,
  );
}

void start();
