/**
 * The shape every language's catalogue must have: English's, with every message a plain string.
 * `es.ts` is typed with it, so a missing or extra key fails to compile.
 */
import type { en } from './messages/en';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type Messages = Strings<typeof en>;

import type { _Translator, NamespaceKeys, NestedKeyOf } from 'use-intl';

/** A translator over one namespace, for the pure functions that word things (`t: T<'play'>`). */
export type T<NS extends NamespaceKeys<Messages, NestedKeyOf<Messages>> = never> = _Translator<Messages, NS>;
