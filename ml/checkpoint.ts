/**
 * The checkpoint file: weights and optimizer state (Adam moments and iteration count) plus the
 * config, in one compact binary. tfjs-free, so the server can check a checkpoint a host uploads.
 *
 * Layout, little-endian:
 *   0  "GANC"   magic
 *   4  u16      version (1: every tensor float32; 2: tensors may be stored as float16)
 *   6  u16      reserved (0)
 *   8  u32      header length in bytes (JSON, UTF-8, space-padded to a multiple of 4)
 *   12 u32      body length in bytes
 *   16 u32      CRC-32 of header + body
 *   20 header   {config, meta, tensors: [{group, shape, dtype?}]}
 *   …  body     every tensor's values, in header order: float32, or float16 (IEEE half) zero-padded
 *               to a multiple of 4 bytes so every tensor starts 4-byte aligned
 * Tensors are matched by group and position, never by tfjs's generated variable names, which
 * differ between two models built the same way.
 * A file with only float32 tensors is written as version 1, byte for byte as before, so older
 * builds keep reading what they always could; float16 files (the committed level checkpoints,
 * half the size) are version 2.
 */
export const CHECKPOINT_MAGIC = 'GANC';
export const CHECKPOINT_VERSION = 2;
const PREFIX = 20;

export type StorageDtype = 'float32' | 'float16';

export interface CheckpointTensor {
  /** e.g. "G", "D", "optG", "optD". */
  group: string;
  shape: number[];
  /** Always float32 in memory; a float16 tensor is widened on decode. */
  data: Float32Array;
  /** How the values are stored in the file; float32 when absent. */
  dtype?: StorageDtype;
}

export interface Checkpoint {
  config: Record<string, unknown>;
  /** Trainer state that is not a tensor: step counter, RNG state. */
  meta: Record<string, unknown>;
  tensors: CheckpointTensor[];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 (IEEE, as in zip and PNG). */
export function crc32(bytes: Uint8Array, crc = 0): number {
  let c = ~crc >>> 0;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function size(shape: number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Bytes a tensor takes in the body (float16 padded to 4 so the next tensor stays aligned). */
function storedBytes(n: number, dtype: StorageDtype | undefined): number {
  return dtype === 'float16' ? Math.ceil(n / 2) * 4 : 4 * n;
}

const F32 = new Float32Array(1);
const U32 = new Uint32Array(F32.buffer);

/** The largest finite float16. */
export const FLOAT16_MAX = 65504;

/** float32 → IEEE half bits, rounding to nearest even (subnormals kept, NaN and ±∞ preserved). */
export function toFloat16Bits(value: number): number {
  F32[0] = value;
  const x = U32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0);
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00;
  if (e <= 0) {
    if (e < -10) return sign; // below half the smallest subnormal: ±0
    mant |= 0x800000;
    const shift = 14 - e;
    const half = 1 << (shift - 1);
    const rest = mant & ((1 << shift) - 1);
    let m = mant >>> shift;
    if (rest > half || (rest === half && m & 1)) m++;
    return sign | m; // a carry into bit 10 yields the smallest normal, which is correct
  }
  const rest = mant & 0x1fff;
  let m = mant >>> 13;
  if (rest > 0x1000 || (rest === 0x1000 && m & 1)) {
    m++;
    if (m === 0x400) {
      m = 0;
      e++;
      if (e >= 0x1f) return sign | 0x7c00;
    }
  }
  return sign | (e << 10) | m;
}

/** IEEE half bits → number (exact). */
export function fromFloat16Bits(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 0x1f) return m ? NaN : sign * Infinity;
  return sign * (1 + m / 1024) * 2 ** (e - 15);
}

export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  // Copying Float32Array bytes verbatim keeps the round trip bit-exact; every platform tfjs runs on is little-endian.
  if (!LITTLE_ENDIAN) throw new Error('checkpoints need a little-endian platform');
  for (const t of c.tensors) {
    if (t.data.length !== size(t.shape)) throw new Error(`tensor in group ${t.group} has ${t.data.length} values, its shape [${t.shape}] needs ${size(t.shape)}`);
    if (t.dtype !== undefined && t.dtype !== 'float32' && t.dtype !== 'float16') throw new Error(`tensor in group ${t.group} has storage dtype "${String(t.dtype)}"; expected float32 or float16`);
    if (t.dtype === 'float16') {
      // Silently turning a weight into ±∞ would make a checkpoint that loads and then draws NaNs.
      for (const v of t.data) if (Math.abs(v) > FLOAT16_MAX) throw new Error(`tensor in group ${t.group} holds ${v}, beyond float16's range (±${FLOAT16_MAX}); store it as float32`);
    }
  }
  const half = c.tensors.some((t) => t.dtype === 'float16');
  const entry = (t: CheckpointTensor) => (t.dtype === 'float16' ? { group: t.group, shape: t.shape, dtype: 'float16' } : { group: t.group, shape: t.shape });
  const json = JSON.stringify({ config: c.config, meta: c.meta, tensors: c.tensors.map(entry) });
  let header = new TextEncoder().encode(json);
  const padded = Math.ceil(header.length / 4) * 4;
  if (padded !== header.length) {
    const h = new Uint8Array(padded).fill(0x20);
    h.set(header);
    header = h;
  }
  const bodyLen = c.tensors.reduce((s, t) => s + storedBytes(t.data.length, t.dtype), 0);
  const out = new Uint8Array(PREFIX + header.length + bodyLen);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = CHECKPOINT_MAGIC.charCodeAt(i);
  view.setUint16(4, half ? 2 : 1, true);
  view.setUint32(8, header.length, true);
  view.setUint32(12, bodyLen, true);
  out.set(header, PREFIX);
  let o = PREFIX + header.length;
  for (const t of c.tensors) {
    if (t.dtype === 'float16') {
      for (let i = 0; i < t.data.length; i++) view.setUint16(o + 2 * i, toFloat16Bits(t.data[i]), true);
    } else {
      out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), o);
    }
    o += storedBytes(t.data.length, t.dtype);
  }
  view.setUint32(16, crc32(out.subarray(PREFIX)), true);
  return out;
}

/**
 * `bytes` with one group's tensors (e.g. "D") taken from `donor`, which must hold that group at the
 * same shapes; the config, meta and every other group stay `bytes`'s own.
 */
export function withGroupFrom(bytes: Uint8Array, donor: Uint8Array, group: string): Uint8Array {
  const c = decodeCheckpoint(bytes);
  const theirs = decodeCheckpoint(donor).tensors.filter((t) => t.group === group);
  const mine = c.tensors.filter((t) => t.group === group);
  if (!mine.length || mine.length !== theirs.length || mine.some((t, i) => t.shape.join('x') !== theirs[i].shape.join('x'))) {
    throw new Error(`the donor's ${group} does not fit: ${theirs.length} tensors [${theirs.map((t) => t.shape.join('x')).join(', ')}], this checkpoint's ${mine.length} [${mine.map((t) => t.shape.join('x')).join(', ')}]`);
  }
  let i = 0;
  return encodeCheckpoint({ ...c, tensors: c.tensors.map((t) => (t.group === group ? theirs[i++] : t)) });
}

/**
 * How far a checkpoint's generator has trained: its optimizer steps (D and G updates alike), read
 * from the header alone. 0 for a file that does not say (or is not a checkpoint at all): such a file
 * is never "further along" than anything.
 */
export function checkpointSteps(bytes: Uint8Array): number {
  if (bytes.length < PREFIX || String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]) !== CHECKPOINT_MAGIC) return 0;
  const headerLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (PREFIX + headerLen > bytes.length) return 0;
  try {
    const steps = (JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLen))) as { meta?: { steps?: unknown } }).meta?.steps;
    return typeof steps === 'number' && Number.isFinite(steps) && steps > 0 ? steps : 0;
  } catch {
    return 0;
  }
}

/** Parses a checkpoint, refusing a corrupt, truncated or foreign file with a clear reason. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (!LITTLE_ENDIAN) throw new Error('checkpoints need a little-endian platform');
  if (bytes.length < PREFIX) throw new Error(`checkpoint is truncated: ${bytes.length} bytes, not even a header`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== CHECKPOINT_MAGIC) throw new Error(`not a GAN Arena checkpoint (magic "${magic}", expected "${CHECKPOINT_MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version < 1 || version > CHECKPOINT_VERSION) throw new Error(`unsupported checkpoint version ${version} (this build reads 1 to ${CHECKPOINT_VERSION})`);
  const headerLen = view.getUint32(8, true);
  const bodyLen = view.getUint32(12, true);
  const expected = PREFIX + headerLen + bodyLen;
  if (bytes.length < expected) throw new Error(`checkpoint is truncated: ${bytes.length} bytes, its header promises ${expected}`);
  if (bytes.length > expected) throw new Error(`checkpoint has ${bytes.length - expected} unexpected trailing bytes`);
  const crc = crc32(bytes.subarray(PREFIX));
  if (crc !== view.getUint32(16, true)) throw new Error('checkpoint is corrupt: its CRC-32 does not match its contents');
  let header: { config: Record<string, unknown>; meta: Record<string, unknown>; tensors: { group: string; shape: number[]; dtype?: StorageDtype }[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLen)));
  } catch {
    throw new Error('checkpoint header is not valid JSON');
  }
  if (!header || typeof header.config !== 'object' || !Array.isArray(header.tensors)) throw new Error('checkpoint header lacks config or tensors');
  for (const t of header.tensors) {
    const ok = t.dtype === undefined || t.dtype === 'float32' || (t.dtype === 'float16' && version >= 2);
    if (!ok) throw new Error(`checkpoint tensor in group ${t.group} has storage dtype "${String(t.dtype)}", which version ${version} does not allow`);
  }
  const total = header.tensors.reduce((s, t) => s + storedBytes(size(t.shape), t.dtype), 0);
  if (total !== bodyLen) throw new Error(`checkpoint body holds ${bodyLen} bytes, its tensor list needs ${total}`);
  // Copy into a fresh aligned buffer: the body may start at any offset of a transferred buffer.
  const body = bytes.slice(PREFIX + headerLen);
  let o = 0;
  const bodyView = new DataView(body.buffer);
  const tensors = header.tensors.map((t): CheckpointTensor => {
    const n = size(t.shape);
    let data: Float32Array;
    if (t.dtype === 'float16') {
      data = new Float32Array(n);
      for (let i = 0; i < n; i++) data[i] = fromFloat16Bits(bodyView.getUint16(o + 2 * i, true));
    } else {
      data = new Float32Array(body.buffer, o, n);
    }
    o += storedBytes(n, t.dtype);
    return t.dtype === 'float16' ? { group: t.group, shape: t.shape, data, dtype: 'float16' } : { group: t.group, shape: t.shape, data };
  });
  return { config: header.config, meta: header.meta ?? {}, tensors };
}
