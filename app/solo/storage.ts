'use client';
/**
 * Where solo play keeps the generator: its checkpoint is tens to hundreds of kilobytes of binary,
 * too big and too binary for localStorage, so it goes to IndexedDB. The small game state stays in
 * localStorage (game/solo.ts SoloSave).
 */

const DB = 'gan-arena';
const STORE = 'checkpoints';
const KEY = 'solo';

export interface StoredCheckpoint {
  /** The level (1-based) whose training produced it. */
  levelNumber: number;
  bytes: Uint8Array;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB would not open'));
  });
}

async function run<T>(mode: IDBTransactionMode, op: (s: IDBObjectStore) => IDBRequest): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = op(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result as T);
      req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
    });
  } finally {
    db.close();
  }
}

export async function loadCheckpoint(): Promise<StoredCheckpoint | null> {
  try {
    // Saves from before the field's rename call it levelIndex (it always counted from 1).
    const v = await run<(Partial<StoredCheckpoint> & { levelIndex?: number }) | undefined>('readonly', (s) => s.get(KEY));
    const levelNumber = v?.levelNumber ?? v?.levelIndex;
    return v?.bytes instanceof Uint8Array && typeof levelNumber === 'number' ? { levelNumber, bytes: v.bytes } : null;
  } catch {
    // Private windows may refuse IndexedDB: the game still plays, it just cannot resume the generator.
    return null;
  }
}

export async function saveCheckpoint(c: StoredCheckpoint): Promise<void> {
  await run('readwrite', (s) => s.put(c, KEY));
}

export async function clearCheckpoint(): Promise<void> {
  await run('readwrite', (s) => s.delete(KEY)).catch(() => undefined);
}
