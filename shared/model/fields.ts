import { z } from 'zod';

/** Building blocks shared by every record schema. */

/** A record id: random base64url (or, for member skills, `member/skill`). */
export const recordId = z.string().min(1).max(200);
/** A calendar day, `YYYY-MM-DD` (join dates, due dates, terms): no time zone surprises. */
export const day = z.iso.date();
/** A moment, milliseconds since the epoch (audit stamps, assessment history). */
export const instant = z.number().int().nonnegative();
/** A short human text (a name, a city). */
export const shortText = (max = 200) => z.string().trim().max(max);
/** An open code (a need, a language, a tag): lower-case, stable, translated by the UI when known. */
export const code = z
  .string()
  .max(60)
  .regex(/^[\p{Ll}\p{Lo}0-9_:.-]+$/u, 'code');
export const codes = z.array(code).max(100);
/** Tolerant e-mail check: national files carry addresses a strict RFC check would refuse. */
export const email = z
  .string()
  .trim()
  .max(254)
  .regex(/^[^\s@]+@[^\s@]+$/, 'email');
/** Any formatting is kept as typed; it must contain a few digits. */
export const phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^[+()0-9 .\-/x#*extEXT]*[0-9]{3}[+()0-9 .\-/x#*extEXT]*$/, 'phone');
export const zip = z.string().regex(/^[0-9]{5}(-[0-9]{4})?$/, 'zip');

/** Who created and last changed a record, and when (device ids; stamped by the accessors). */
export const stampShape = {
  createdBy: z.string().min(1),
  createdAt: instant,
  updatedBy: z.string().min(1),
  updatedAt: instant,
};
export type Stamps = { createdBy: string; createdAt: number; updatedBy: string; updatedAt: number };

/** How a field is laid out in the record's Y.Map (see layout.ts). */
export type FieldKind = 'value' | 'text' | 'log' | 'set';

/**
 * One record kind: its editable fields (`shape`), the defaults filled in on
 * create and on read, and fields that are not a plain value in the Y.Map.
 */
export interface RecordKind<Shape extends z.ZodRawShape, D extends Partial<z.infer<z.ZodObject<Shape>>>> {
  readonly name: string;
  readonly shape: Shape;
  readonly defaults: D;
  readonly kinds: Partial<Record<keyof Shape & string, FieldKind>>;
  /** Validates a whole record as stored; unknown keys are stripped from the typed view (never from the doc). */
  readonly stored: z.ZodObject<Shape & typeof stampShape>;
  /** Validates a create input (after defaults): unknown keys are refused. */
  readonly input: z.ZodObject<Shape>;
  /** Validates an update patch: every field optional, unknown keys refused. */
  readonly patch: z.ZodType<Partial<z.infer<z.ZodObject<Shape>>>>;
  /** Fields that may be removed (optional in the shape): salvage drops only these. */
  readonly optional: ReadonlySet<string>;
}

export function defineRecord<Shape extends z.ZodRawShape, D extends Partial<z.infer<z.ZodObject<Shape>>>>(
  name: string,
  shape: Shape,
  defaults: D,
  kinds: Partial<Record<keyof Shape & string, FieldKind>> = {},
): RecordKind<Shape, D> {
  const optional = new Set(
    Object.keys(shape).filter((k) => (shape[k] as unknown as z.ZodType).safeParse(undefined).success),
  );
  return {
    name,
    shape,
    defaults,
    kinds,
    stored: z.object({ ...shape, ...stampShape }),
    input: z.strictObject(shape),
    patch: z.strictObject(shape).partial() as unknown as z.ZodType<Partial<z.infer<z.ZodObject<Shape>>>>,
    optional,
  };
}

/** The fields of a record kind, as read (defaults filled, stamps included, plus its id). */
export type RecordOf<K> =
  K extends RecordKind<infer S, infer _D> ? z.infer<z.ZodObject<S>> & Stamps & { readonly id: string } : never;
/** What `create` takes: defaulted fields may be left out. */
export type InputOf<K> =
  K extends RecordKind<infer S, infer D>
    ? Omit<z.input<z.ZodObject<S>>, keyof D> &
        Partial<Pick<z.input<z.ZodObject<S>>, Extract<keyof D, keyof z.input<z.ZodObject<S>>>>>
    : never;
/** What `update` takes: any subset of fields; `undefined` clears an optional field. */
export type PatchOf<K> = K extends RecordKind<infer S, infer _D> ? Partial<z.input<z.ZodObject<S>>> : never;
