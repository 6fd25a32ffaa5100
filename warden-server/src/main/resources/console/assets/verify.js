// Warden console: verifies an audit entry's inclusion in the signed audit log, in the browser.
// It trusts nothing the server says about the outcome: from the proof document (proof.json) it
//   1. hashes the entry's exact bytes as an RFC 9162 leaf, SHA-256(0x00 || entry),
//   2. follows the inclusion proof (RFC 9162 section 2.1.3.2) to a root hash,
//   3. compares that root with the one in the signed checkpoint note (C2SP tlog-checkpoint),
//   4. verifies the note's Ed25519 signature (C2SP signed-note) with the log key it names,
//      after checking that the key's id is SHA-256(name || 0x0A || 0x01 || key)[0..4].
// The auditor compares the key shown with the one they pinned (`warden audit keys --out`).
(() => {
  'use strict';

  const encoder = new TextEncoder();

  /** A failed check, naming the step that failed. */
  class Failure extends Error {
    constructor(step, message) {
      super(message);
      this.step = step;
    }
  }

  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  }

  function fromHex(step, text) {
    if (typeof text !== 'string' || !/^([0-9a-f]{2})*$/.test(text)) {
      throw new Failure(step, 'a hash is not hexadecimal');
    }
    const out = new Uint8Array(text.length / 2);
    for (let i = 0; i < out.length; i += 1) out[i] = parseInt(text.substr(i * 2, 2), 16);
    return out;
  }

  function fromBase64(step, text) {
    let binary;
    try {
      binary = atob(text);
    } catch (e) {
      throw new Failure(step, 'a value is not base64');
    }
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) out[i] = binary.charCodeAt(i);
    return out;
  }

  function equal(a, b) {
    if (a.length !== b.length) return false;
    let diff = 0;
    for (let i = 0; i < a.length; i += 1) diff |= a[i] ^ b[i];
    return diff === 0;
  }

  async function sha256(...parts) {
    const length = parts.reduce((n, p) => n + p.length, 0);
    const buffer = new Uint8Array(length);
    let at = 0;
    for (const p of parts) {
      buffer.set(p, at);
      at += p.length;
    }
    return new Uint8Array(await crypto.subtle.digest('SHA-256', buffer));
  }

  const leafHash = (entry) => sha256(Uint8Array.of(0x00), entry);
  const nodeHash = (left, right) => sha256(Uint8Array.of(0x01), left, right);

  /** The root hash an inclusion proof leads to (RFC 9162 2.1.3.2); BigInt keeps 64-bit indexes exact. */
  async function rootFromProof(index, size, leaf, path) {
    let fn = BigInt(index);
    let sn = BigInt(size) - 1n;
    if (fn > sn) throw new Failure('audit path', `index ${index} is not below the tree size ${size}`);
    let r = leaf;
    for (const p of path) {
      if (sn === 0n) throw new Failure('audit path', 'the inclusion proof is too long');
      if ((fn & 1n) === 1n || fn === sn) {
        r = await nodeHash(p, r);
        if ((fn & 1n) === 0n) {
          while ((fn & 1n) === 0n && fn !== 0n) {
            fn >>= 1n;
            sn >>= 1n;
          }
        }
      } else {
        r = await nodeHash(r, p);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    if (sn !== 0n) throw new Failure('audit path', 'the inclusion proof is too short');
    return r;
  }

  /** A C2SP signed note holding a checkpoint: its signed text, origin, size, root and signatures. */
  function parseCheckpoint(note) {
    const step = 'checkpoint';
    if (typeof note !== 'string') throw new Failure(step, 'there is no checkpoint note');
    const split = note.lastIndexOf('\n\n');
    if (split < 0 || !note.endsWith('\n')) throw new Failure(step, 'the checkpoint is not a signed note');
    const text = note.slice(0, split + 1);
    const lines = text.slice(0, -1).split('\n');
    if (lines.length < 3 || !/^(0|[1-9][0-9]{0,18})$/.test(lines[1])) {
      throw new Failure(step, 'the checkpoint has no origin, size and root hash lines');
    }
    const root = fromBase64(step, lines[2]);
    if (root.length !== 32) throw new Failure(step, 'the checkpoint root hash is not 32 bytes');
    const signatures = note.slice(split + 2, -1).split('\n').map((line) => {
      if (!line.startsWith('\u2014 ')) throw new Failure(step, 'a signature line does not start with an em dash');
      const parts = line.slice(2).split(' ');
      if (parts.length !== 2) throw new Failure(step, 'a signature line is not "\u2014 <name> <signature>"');
      const value = fromBase64(step, parts[1]);
      if (value.length < 5) throw new Failure(step, 'a signature is too short');
      return { name: parts[0], keyId: hex(value.slice(0, 4)), signature: value.slice(4) };
    });
    return { text, origin: lines[0], size: BigInt(lines[1]), root, signatures };
  }

  /** A signed-note verifier key <name>+<key id>+<base64(0x01 || 32-byte Ed25519 key)>. */
  async function parseVerifierKey(text) {
    const step = 'key';
    const first = text.indexOf('+');
    const second = first > 0 ? text.indexOf('+', first + 1) : -1;
    if (first <= 0 || second < 0) throw new Failure(step, 'a log key is not <name>+<id>+<key>');
    const name = text.slice(0, first);
    const keyId = text.slice(first + 1, second);
    const raw = fromBase64(step, text.slice(second + 1));
    if (raw.length !== 33 || raw[0] !== 0x01) throw new Failure(step, 'a log key is not an Ed25519 key');
    const publicKey = raw.slice(1);
    const computed = hex((await sha256(encoder.encode(name), Uint8Array.of(0x0a, 0x01), publicKey)).slice(0, 4));
    if (computed !== keyId) throw new Failure(step, `the id of log key ${name}+${keyId} does not match the key`);
    return { name, keyId, publicKey, text };
  }

  async function verifySignature(checkpoint, keys) {
    const step = 'signature';
    const known = [];
    for (const k of keys) {
      if (k && typeof k.verifier_key === 'string') known.push(await parseVerifierKey(k.verifier_key));
    }
    const message = encoder.encode(checkpoint.text);
    for (const sig of checkpoint.signatures) {
      const key = known.find((k) => k.name === sig.name && k.keyId === sig.keyId);
      if (!key) continue;
      let cryptoKey;
      try {
        cryptoKey = await crypto.subtle.importKey('raw', key.publicKey, { name: 'Ed25519' }, false, ['verify']);
      } catch (e) {
        throw new Failure(step, `this browser cannot verify Ed25519 signatures with Web Crypto (${e.name})`);
      }
      const ok = await crypto.subtle.verify({ name: 'Ed25519' }, cryptoKey, sig.signature, message);
      if (!ok) throw new Failure(step, `the checkpoint signature by key ${key.keyId} does not verify`);
      return key;
    }
    throw new Failure(step, 'the checkpoint carries no signature by a published log key');
  }

  /** Verifies a proof document; answers what was verified, or throws a Failure. */
  async function verify(doc) {
    if (!doc || typeof doc !== 'object') throw new Failure('proof', 'the proof is not a JSON object');
    const entry = fromBase64('entry', doc.entry_base64);
    const leaf = await leafHash(entry);
    if (typeof doc.leaf_hash === 'string' && hex(leaf) !== doc.leaf_hash) {
      throw new Failure('leaf hash', 'the entry does not hash to its recorded leaf hash');
    }
    const checkpoint = parseCheckpoint(doc.checkpoint && doc.checkpoint.note);
    const key = await verifySignature(checkpoint, Array.isArray(doc.keys) ? doc.keys : []);
    const summary = { size: checkpoint.size.toString(), root: hex(checkpoint.root), key };
    const index = BigInt(doc.index);
    if (index >= checkpoint.size) return { state: 'pending', ...summary };
    const proof = doc.inclusion;
    if (!proof || !Array.isArray(proof.proof)) throw new Failure('audit path', 'the proof has no audit path');
    if (BigInt(proof.index) !== index || BigInt(proof.size) !== checkpoint.size) {
      throw new Failure('audit path', 'the audit path is for another entry or tree size than the checkpoint');
    }
    const path = proof.proof.map((h) => {
      const bytes = fromHex('audit path', h);
      if (bytes.length !== 32) throw new Failure('audit path', 'a hash of the audit path is not 32 bytes');
      return bytes;
    });
    const root = await rootFromProof(index, checkpoint.size, leaf, path);
    if (!equal(root, checkpoint.root)) {
      throw new Failure('root hash', "the audit path does not lead to the checkpoint's root hash");
    }
    return { state: 'verified', ...summary };
  }

  function show(section, result) {
    const set = (selector, text) => {
      const el = section.querySelector(selector);
      if (el) el.textContent = text;
    };
    set('[data-verify-size]', result.size ?? '-');
    set('[data-verify-root]', result.root ?? '-');
    set('[data-verify-key-id]', result.key ? result.key.keyId : '-');
    set('[data-verify-key]', result.key ? result.key.text : '-');
  }

  async function run(section) {
    const out = section.querySelector('[data-verify-result]');
    const button = section.querySelector('[data-verify]');
    out.dataset.state = 'running';
    delete out.dataset.step;
    out.textContent = 'Verifying\u2026';
    if (button) button.disabled = true;
    try {
      let doc;
      try {
        const res = await fetch(section.dataset.proofUrl, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
        if (!res.ok) throw new Failure('fetch', `the server answered ${res.status}`);
        doc = await res.json();
      } catch (e) {
        throw e instanceof Failure ? e : new Failure('fetch', 'the proof could not be loaded');
      }
      const result = await verify(doc);
      show(section, result);
      out.dataset.state = result.state;
      out.textContent = result.state === 'verified'
        ? `Verified: entry ${section.dataset.index} is in the log of checkpoint size ${result.size}, signed by key ${result.key.keyId}.`
        : `Pending: entry ${section.dataset.index} is newer than the latest checkpoint (size ${result.size}). Try again shortly.`;
    } catch (e) {
      show(section, {});
      out.dataset.state = 'failed';
      out.dataset.step = e instanceof Failure ? e.step : 'verify';
      out.textContent = `Verification failed at step "${out.dataset.step}": ${e.message}`;
    } finally {
      if (button) button.disabled = false;
    }
  }

  function start() {
    const section = document.querySelector('[data-proof-url]');
    if (!section) return;
    const button = section.querySelector('[data-verify]');
    if (button) button.addEventListener('click', () => run(section));
    run(section);
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
