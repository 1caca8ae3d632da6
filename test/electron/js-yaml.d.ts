/** js-yaml ships with electron-builder (which reads build/electron-builder.yml with it) but has no types here. */
declare module 'js-yaml' {
  export function load(text: string): unknown;
}
