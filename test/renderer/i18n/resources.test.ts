import i18next from 'i18next';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import en from '../../../renderer/i18n/en.json';
import es from '../../../renderer/i18n/es.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

const EN = flatten(en as Tree);
const ES = flatten(es as Tree);

// Plural forms differ by language (Spanish adds `_many`); everything else is the same set of keys.
const pluralBases = (keys: Map<string, string>) =>
  new Set([...keys.keys()].filter((k) => k.endsWith('_other')).map((k) => k.slice(0, -'_other'.length)));
const plainKeys = (keys: Map<string, string>) => {
  const bases = pluralBases(keys);
  return [...keys.keys()].filter((k) => !bases.has(k.replace(/_(zero|one|two|few|many|other)$/, ''))).sort();
};

test('English and Spanish have exactly the same keys, and the same plurals', () => {
  expect(plainKeys(ES)).toEqual(plainKeys(EN));
  expect([...pluralBases(ES)].sort()).toEqual([...pluralBases(EN)].sort());
});

test('no translation is empty, and placeholders match between languages', () => {
  const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
  for (const [key, value] of EN) {
    expect({ key, empty: value.trim() === '' }).toEqual({ key, empty: false });
    expect({ key, empty: (ES.get(key) ?? '').trim() === '' }).toEqual({ key, empty: false });
    expect({ key, placeholders: placeholders(ES.get(key) ?? '') }).toEqual({ key, placeholders: placeholders(value) });
  }
});

test('every plural has its one form beside its other form in both languages', () => {
  for (const [name, keys] of [
    ['en', EN],
    ['es', ES],
  ] as const)
    for (const key of keys.keys()) {
      if (!key.endsWith('_other')) continue;
      const base = key.slice(0, -'_other'.length);
      expect({ name, key, one: keys.has(`${base}_one`) }).toEqual({ name, key, one: true });
    }
});

test('every literal key the renderer asks for exists', () => {
  const root = join(__dirname, '..', '..', '..', 'renderer');
  const missing: string[] = [];
  for (const file of sourceFiles(root)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z0-9_.-]+)'/g)) {
      // A plural is asked for by its base key: i18next picks `_one` or `_other` from `count`.
      if (!EN.has(m[1]!) && !EN.has(`${m[1]}_other`)) missing.push(`${file.slice(root.length)}: ${m[1]}`);
    }
  }
  expect(missing).toEqual([]);
});

test('every error code of shared/errors.ts reads as a sentence in both languages', () => {
  const errors = readFileSync(join(__dirname, '..', '..', '..', 'shared', 'errors.ts'), 'utf8');
  const union = errors.slice(
    errors.indexOf('export type ErrorCode'),
    errors.indexOf(';', errors.indexOf('export type ErrorCode')),
  );
  const codes = [...union.matchAll(/'([a-z0-9-]+)'/g)].map((m) => m[1]!);
  expect(codes.length).toBeGreaterThan(10);
  for (const code of codes) {
    expect({ code, en: EN.has(`errors.${code}`), es: ES.has(`errors.${code}`) }).toEqual({ code, en: true, es: true });
  }
});

const LANGS = [
  ['en', EN],
  ['es', ES],
] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;

test('every plural has every form Intl.PluralRules chooses in its language (Spanish has `many`, for 1.000.000)', () => {
  for (const [language, keys] of LANGS) {
    const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
    const bases = pluralBases(keys);
    expect(bases.size).toBeGreaterThan(50);
    for (const base of bases) {
      const forms = categories.filter((c) => keys.has(`${base}_${c}`));
      expect({ language, base, forms }).toEqual({ language, base, forms: categories });
    }
  }
});

test('a plural has no plain key beside it (i18next would show either), and every string with a count is a plural', () => {
  for (const [language, keys] of LANGS)
    for (const [key, value] of keys) {
      if (PLURAL.test(key) && pluralBases(keys).has(key.replace(PLURAL, ''))) continue;
      expect({ language, key, besidePlural: keys.has(`${key}_other`) }).toEqual({ language, key, besidePlural: false });
      expect({ language, key, countNotPlural: /{{count\b/.test(value) }).toEqual({
        language,
        key,
        countNotPlural: false,
      });
    }
});

// Every placeholder is either a number (shown grouped in the app's language) or a text.
const NUMBER_PLACEHOLDERS = new Set([
  'count',
  'shown',
  'total',
  'done',
  'mine',
  'last',
  'min',
  'max',
  'received',
  'expected',
  'sent',
  'previous',
  'updated',
  'regions',
  'learning',
  'canDo',
  'row',
  'line',
  'position',
  'page',
  'pages',
  'k',
  'value',
  'target',
  'percent',
]);
const TEXT_PLACEHOLDERS = new Set(
  (
    'name column role zip space measure when list date from device by address until to kind zips who query port ' +
    'place id header skill seen keep into file drop columns addresses createdText updatedText lapsedText tag ' +
    'group month quarter year stage title source outcome rows day why where author peer status seat step field tier'
  ).split(' '),
);

test('every number a sentence shows is formatted in the language (10,000 / 10.000), never raw', () => {
  for (const [language, keys] of LANGS)
    for (const [key, value] of keys)
      for (const [, name, format] of value.matchAll(/{{(\w+)(?:,\s*(\w+))?}}/g)) {
        const kind = NUMBER_PLACEHOLDERS.has(name!) ? 'number' : TEXT_PLACEHOLDERS.has(name!) ? undefined : 'unknown';
        expect({ language, key, name, format }).toEqual({ language, key, name, format: kind });
      }
});

test('counts read right in both languages: one, other, thousands and Spanish millions', async () => {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: { en: { translation: en }, es: { translation: es } }, lng: 'en' });
  const roster = (lng: string, shown: number, count: number) => i18n.t('roster.count', { lng, shown, count });
  expect(roster('en', 1, 1)).toBe('Showing 1 of 1 member');
  expect(roster('en', 9_999, 10_000)).toBe('Showing 9,999 of 10,000 members');
  expect(roster('es', 1, 1)).toBe('Mostrando 1 de 1 miembro');
  expect(roster('es', 10_000, 10_000)).toBe('Mostrando 10.000 de 10.000 miembros');
  expect(roster('es', 5, 1_000_000)).toBe('Mostrando 5 de 1.000.000 de miembros');
  expect(i18n.t('import.export', { lng: 'en', count: 1 })).toBe('Export CSV (1 member)');
  expect(i18n.t('import.export', { lng: 'es', count: 1 })).toBe('Exportar CSV (1 miembro)');
  expect(i18n.t('import.export', { lng: 'es', count: 2_000_000 })).toBe('Exportar CSV (2.000.000 de miembros)');
});

/** Spanish speaks to the organizer as "usted": no "tú" pronouns, verbs or commands. */
function informalSpanish(text: string): string[] {
  const words =
    /(?<!\p{L})(tú|tu|tus|ti|te|contigo|puedes|tienes|quieres|debes|estás|eres|necesitas|sabes|verás|has)(?!\p{L})/giu;
  // A "tú" command is the third person's form: it is only told apart at the start of a sentence.
  const commands =
    /(?:^|[.!?:]\s+|¿|¡)(Elige|Revisa|Comprueba|Abre|Pulsa|Haz|Escribe|Añade|Vuelve|Intenta|Usa|Selecciona|Copia|Pega|Cierra|Espera|Busca|Comparte|Guarda|Borra|Marca|Asegúrate|Consulta|Pide|Envía|Mira|Lee|Cambia|Quita|Deja|Pon|Ten|Ve|Sigue|Elimina|Importa|Exporta|Aplica)(?!\p{L})/gu;
  return [...text.matchAll(words), ...text.matchAll(commands)].map((m) => m[0].trim());
}

test('Spanish speaks to the organizer as "usted" everywhere (the Import screen once said "tú")', () => {
  expect(informalSpanish('Elige el archivo CSV. Verás lo que cambia en tu lista, tú.')).toEqual([
    'Verás',
    'tu',
    'tú',
    'Elige',
  ]);
  expect(informalSpanish('Elija el archivo. La aplicación lo vuelve a intentar; se guarda con cada miembro.')).toEqual(
    [],
  );
  const informal = [...ES].flatMap(([key, value]) => informalSpanish(value).map((word) => `${key}: ${word}`));
  expect(informal).toEqual([]);
});
