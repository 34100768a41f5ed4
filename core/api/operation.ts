import { z } from 'zod';
import type { SignableAction } from '../audit/signatures';
import type { Permission } from '../users/roles';

/**
 * One operation of the station's API. main/api serves it over HTTP (+ OpenAPI) and over Electron IPC;
 * the renderer calls it through one typed client whatever the transport.
 * Path parameters ({name}) are taken from the input object; the rest is the JSON body (or query, for GET).
 */
export interface OperationSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly summary: string;
  readonly input: I;
  readonly output: O;
  /** null: no session needed. Otherwise the permission the caller's role must have (some actions refine it). */
  readonly permission: Permission | null;
  /**
   * The request body this operation takes: JSON up to DEFAULT_BODY_BYTES unless said. Checked before a byte of it
   * is read (and after the caller is authenticated), so a large body is only ever read for an operation that takes one.
   */
  readonly body?: { readonly xml?: true; readonly maxBytes: number };
  /**
   * The action an electronic signature may be asked for (21 CFR Part 11), from the input: whether one is needed is the
   * station's signature policy. The signatures ride beside the input (`signatures`), checked before the handler runs.
   */
  readonly signature?: (input: z.output<I>) => SignableAction | null;
}

/** A JSON body larger than this is refused unless the operation says otherwise. */
export const DEFAULT_BODY_BYTES = 1 << 20;

/** A module of the API: its operations by name. */
export type ApiModule = Readonly<Record<string, OperationSpec>>;

/** Declares an operation, keeping its input and output schemas' exact types. */
export const op = <I extends z.ZodType, O extends z.ZodType>(spec: OperationSpec<I, O>): OperationSpec<I, O> => spec;

/** The input of an operation that takes none. */
export const none = z.object({});
