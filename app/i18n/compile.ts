/**
 * ICU messages precompiled (icu-minify, use-intl's own compiler) before they reach a browser, so the
 * browser formats them with use-intl's small format-only runtime instead of shipping an ICU parser
 * (next.config.js aliases use-intl/format-message to it; about 9 KB gzipped off every page).
 */
import compile from 'icu-minify/compile';
import type { CompiledMessage } from 'icu-minify/format';

export type Compiled<T> = { [K in keyof T]: T[K] extends string ? CompiledMessage : Compiled<T[K]> };

export function compileMessages<T extends object>(messages: T): Compiled<T> {
  return Object.fromEntries(
    // A JSON round trip: icu-minify builds select and plural options on null-prototype objects, which a
    // server component may not pass to a client one.
    Object.entries(messages).map(([k, v]) => [k, typeof v === 'string' ? (JSON.parse(JSON.stringify(compile(v))) as CompiledMessage) : compileMessages(v as object)]),
  ) as Compiled<T>;
}
