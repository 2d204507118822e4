/**
 * The checkpoint file: weights and optimizer state (Adam moments and iteration count) plus the
 * config, in one compact binary. tfjs-free, so the server can check a checkpoint a host uploads.
 *
 * Layout, little-endian:
 *   0  "GANC"   magic
 *   4  u16      version (1)
 *   6  u16      reserved (0)
 *   8  u32      header length in bytes (JSON, UTF-8, space-padded to a multiple of 4)
 *   12 u32      body length in bytes
 *   16 u32      CRC-32 of header + body
 *   20 header   {config, meta, tensors: [{group, shape}]}
 *   …  body     every tensor's float32 values, in header order
 * Tensors are matched by group and position, never by tfjs's generated variable names, which
 * differ between two models built the same way.
 */
export const CHECKPOINT_MAGIC = 'GANC';
export const CHECKPOINT_VERSION = 1;
const PREFIX = 20;

export interface CheckpointTensor {
  /** e.g. "G", "D", "optG", "optD". */
  group: string;
  shape: number[];
  data: Float32Array;
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

export function encodeCheckpoint(c: Checkpoint): Uint8Array {
  // Copying Float32Array bytes verbatim keeps the round trip bit-exact; every platform tfjs runs on is little-endian.
  if (!LITTLE_ENDIAN) throw new Error('checkpoints need a little-endian platform');
  for (const t of c.tensors) {
    if (t.data.length !== size(t.shape)) throw new Error(`tensor in group ${t.group} has ${t.data.length} values, its shape [${t.shape}] needs ${size(t.shape)}`);
  }
  const json = JSON.stringify({ config: c.config, meta: c.meta, tensors: c.tensors.map((t) => ({ group: t.group, shape: t.shape })) });
  let header = new TextEncoder().encode(json);
  const padded = Math.ceil(header.length / 4) * 4;
  if (padded !== header.length) {
    const h = new Uint8Array(padded).fill(0x20);
    h.set(header);
    header = h;
  }
  const bodyLen = c.tensors.reduce((s, t) => s + 4 * t.data.length, 0);
  const out = new Uint8Array(PREFIX + header.length + bodyLen);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = CHECKPOINT_MAGIC.charCodeAt(i);
  view.setUint16(4, CHECKPOINT_VERSION, true);
  view.setUint32(8, header.length, true);
  view.setUint32(12, bodyLen, true);
  out.set(header, PREFIX);
  let o = PREFIX + header.length;
  for (const t of c.tensors) {
    out.set(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength), o);
    o += t.data.byteLength;
  }
  view.setUint32(16, crc32(out.subarray(PREFIX)), true);
  return out;
}

/** Parses a checkpoint, refusing a corrupt, truncated or foreign file with a clear reason. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (!LITTLE_ENDIAN) throw new Error('checkpoints need a little-endian platform');
  if (bytes.length < PREFIX) throw new Error(`checkpoint is truncated: ${bytes.length} bytes, not even a header`);
  const magic = String.fromCharCode(bytes[0], bytes[1], bytes[2], bytes[3]);
  if (magic !== CHECKPOINT_MAGIC) throw new Error(`not a GAN Arena checkpoint (magic "${magic}", expected "${CHECKPOINT_MAGIC}")`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint16(4, true);
  if (version !== CHECKPOINT_VERSION) throw new Error(`unsupported checkpoint version ${version} (this build reads ${CHECKPOINT_VERSION})`);
  const headerLen = view.getUint32(8, true);
  const bodyLen = view.getUint32(12, true);
  const expected = PREFIX + headerLen + bodyLen;
  if (bytes.length < expected) throw new Error(`checkpoint is truncated: ${bytes.length} bytes, its header promises ${expected}`);
  if (bytes.length > expected) throw new Error(`checkpoint has ${bytes.length - expected} unexpected trailing bytes`);
  const crc = crc32(bytes.subarray(PREFIX));
  if (crc !== view.getUint32(16, true)) throw new Error('checkpoint is corrupt: its CRC-32 does not match its contents');
  let header: { config: Record<string, unknown>; meta: Record<string, unknown>; tensors: { group: string; shape: number[] }[] };
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(PREFIX, PREFIX + headerLen)));
  } catch {
    throw new Error('checkpoint header is not valid JSON');
  }
  if (!header || typeof header.config !== 'object' || !Array.isArray(header.tensors)) throw new Error('checkpoint header lacks config or tensors');
  const total = header.tensors.reduce((s, t) => s + 4 * size(t.shape), 0);
  if (total !== bodyLen) throw new Error(`checkpoint body holds ${bodyLen} bytes, its tensor list needs ${total}`);
  // Copy into a fresh aligned buffer: the body may start at any offset of a transferred buffer.
  const body = bytes.slice(PREFIX + headerLen);
  let o = 0;
  const tensors = header.tensors.map((t) => {
    const n = size(t.shape);
    const data = new Float32Array(body.buffer, o, n);
    o += 4 * n;
    return { group: t.group, shape: t.shape, data };
  });
  return { config: header.config, meta: header.meta ?? {}, tensors };
}
