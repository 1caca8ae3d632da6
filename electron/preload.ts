/**
 * Runs in the sandboxed, context-isolated preload world. It exposes exactly the contract's API and
 * forwards connection ports to the page; it never exposes ipcRenderer. Bundled into one CommonJS
 * file by build:electron, because a sandboxed preload cannot require our other modules.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { API_GLOBAL } from '../shared/ipc/contract';
import { createPreloadApi, forwardConnectionPorts, type PreloadIpc } from './preload-api';

/** The page's window as seen from the preload (electron/ has no DOM typings). */
interface PageWindow {
  postMessage(message: unknown, targetOrigin: string, transfer: unknown[]): void;
  readonly location: { readonly origin: string };
}
const page = globalThis as unknown as PageWindow;

const ipc: PreloadIpc = ipcRenderer;
contextBridge.exposeInMainWorld(API_GLOBAL, createPreloadApi(ipc));
forwardConnectionPorts(ipc, (message, ports) => page.postMessage(message, page.location.origin, [...ports]));
